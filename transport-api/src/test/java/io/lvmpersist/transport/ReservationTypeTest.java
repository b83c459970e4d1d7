package io.lvmpersist.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReservationTypeTest {

    /** Codes from SPC-4 table "Persistent reservation type codes" and the NVMe base spec RTYPE table. */
    @ParameterizedTest
    @CsvSource({"WE,1,1", "EA,3,2", "WERO,5,3", "EARO,6,4", "WEAR,7,5", "EAAR,8,6"})
    void codesPerProtocol(String name, int scsi, int nvme) {
        ReservationType type = ReservationType.fromAbbreviation(name).orElseThrow();
        assertEquals(scsi, type.scsiCode());
        assertEquals(nvme, type.nvmeCode());
        assertEquals(type, ReservationType.fromScsiCode(scsi).orElseThrow());
        assertEquals(type, ReservationType.fromNvmeCode(nvme).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"0", "2", "4", "9", "15"})
    void obsoleteScsiCodesAreUnknown(int code) {
        assertEquals(java.util.Optional.empty(), ReservationType.fromScsiCode(code));
    }
}
