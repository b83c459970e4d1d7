#!/bin/sh
# Installs lvmpersist from this unpacked tarball (see share/doc/lvmpersist/install.md).
#
#   ./install.sh [--prefix DIR] [--replace-system]     install (default prefix /usr/local)
#   ./install.sh [--prefix DIR] --uninstall            remove it again (and restore LVM2's script)
#
# DESTDIR=/some/root stages the installation under that root (for packages and tests).
# --replace-system makes /usr/sbin/lvmpersist, the fixed path LVM and lvmlockd run, a link to this
# tool; LVM2's script is kept as /usr/sbin/lvmpersist.lvm2 (through dpkg-divert on Debian).
set -eu

usage() {
    sed -n '2,9s/^# \{0,1\}//p' "$0"
}

prefix=/usr/local
replace=no
uninstall=no
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --replace-system) replace=yes; shift ;;
        --uninstall) uninstall=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see: install.sh --help)" >&2; exit 2 ;;
    esac
done

src=$(dirname "$(readlink -f "$0")")
root=${DESTDIR:-}
dest=$root$prefix
home=$dest/lib/lvmpersist
system=$root/usr/sbin/lvmpersist

# dpkg-divert keeps lvm2 upgrades from overwriting our link; only on the real root.
divert() {
    [ -z "$root" ] && command -v dpkg-divert >/dev/null 2>&1
}

if [ "$uninstall" = yes ]; then
    restore=no
    if [ -L "$system" ] && [ "$(readlink "$system")" = "$prefix/lib/lvmpersist/bin/lvmpersist" ]; then
        restore=yes
    fi
    if [ -L "$dest/sbin/lvmpersist" ]; then
        rm -f "$dest/sbin/lvmpersist"
    fi
    if [ "$restore" = yes ]; then
        rm -f "$system"
        if divert; then
            dpkg-divert --local --rename --divert /usr/sbin/lvmpersist.lvm2 --remove /usr/sbin/lvmpersist
        elif [ -e "$system.lvm2" ]; then
            mv "$system.lvm2" "$system"
        fi
    fi
    rm -rf "$home"
    rm -f "$dest/share/man/man8/lvmpersist.8" "$dest/share/bash-completion/completions/lvmpersist"
    rm -rf "$dest/share/doc/lvmpersist"
    echo "lvmpersist removed from $dest"
    exit 0
fi

# Moves LVM2's script aside (once) before /usr/sbin/lvmpersist becomes our link.
keep_lvm2_script() {
    mkdir -p "$root/usr/sbin"
    if [ -e "$system" ] && [ ! -L "$system" ]; then
        if divert; then
            dpkg-divert --local --rename --divert /usr/sbin/lvmpersist.lvm2 --add /usr/sbin/lvmpersist
        else
            mv "$system" "$system.lvm2"
        fi
    fi
}

if [ "$dest/sbin/lvmpersist" = "$system" ] && [ "$replace" = no ] && [ -e "$system" ] && [ ! -L "$system" ]; then
    echo "install.sh: --prefix $prefix would overwrite LVM2's /usr/sbin/lvmpersist: add --replace-system" >&2
    exit 2
fi

rm -rf "$home"
mkdir -p "$home" "$dest/sbin" "$dest/share/man/man8" "$dest/share/bash-completion/completions"
cp -R "$src/bin" "$src/lib" "$home/"
if [ -d "$src/runtime" ]; then
    cp -R "$src/runtime" "$home/"
fi
chmod 0755 "$home/bin/lvmpersist"
if [ "$replace" = yes ]; then
    keep_lvm2_script
fi
ln -sfn ../lib/lvmpersist/bin/lvmpersist "$dest/sbin/lvmpersist"
for page in "$src"/share/man/man8/*.8; do
    [ -e "$page" ] && cp "$page" "$dest/share/man/man8/" && chmod 0644 "$dest/share/man/man8/${page##*/}"
done
cp "$src/share/bash-completion/completions/lvmpersist" "$dest/share/bash-completion/completions/lvmpersist"
chmod 0644 "$dest/share/bash-completion/completions/lvmpersist"
rm -rf "$dest/share/doc/lvmpersist"
mkdir -p "$dest/share/doc"
cp -R "$src/share/doc/lvmpersist" "$dest/share/doc/lvmpersist"

if [ "$replace" = yes ]; then
    ln -sfn "$prefix/lib/lvmpersist/bin/lvmpersist" "$system"
    echo "/usr/sbin/lvmpersist now runs $prefix/lib/lvmpersist/bin/lvmpersist"
fi
echo "lvmpersist installed in $dest"
