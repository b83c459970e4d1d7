source /run/lvmpersist-vm/devices.env
time /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -version
time /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version
A=$NS_ns1_A
nvme id-ns $A -o json | jq -c '{rescap, nmic}'
nvme id-ctrl $A -o json | jq -c '{oncs}'
nvme resv-register $A --nrkey=0xa --rrega=0 --cptpl=3; echo rc=$?
nvme resv-report --eds -o json $A | jq -c .
nvme resv-register $A --crkey=0xa --rrega=1; echo rc=$?
nvme resv-register $A --nrkey=0xa --rrega=0 --cptpl=1; echo rc=$?
nvme resv-report --eds -o json $A | jq -c .
S=$LU_lu1_A
sg_persist --no-inquiry --out --register-ignore --param-sark=0xa --param-aptpl $S; echo rc=$?
sg_persist --in --report-capabilities $S
cat $LIO_lu1/pr/res_aptpl_active; ls -la /var/target/pr/
