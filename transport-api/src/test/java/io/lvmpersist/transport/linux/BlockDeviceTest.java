package io.lvmpersist.transport.linux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BlockDeviceTest {

    @Test
    void devNumbersDecodeAsGlibcEncodesThem() {
        // makedev(8, 16): the classic 16-bit layout.
        assertEquals(8, BlockDevice.major(0x810));
        assertEquals(16, BlockDevice.minor(0x810));
        // makedev(259, 1): an NVMe namespace.
        assertEquals(259, BlockDevice.major(0x10301L));
        assertEquals(1, BlockDevice.minor(0x10301L));
        // makedev(4099, 300000): bits spread over the high parts of the 64-bit dev_t.
        long big = ((4099L & 0xfffL) << 8) | ((4099L & ~0xfffL) << 32) | (300000L & 0xffL) | ((300000L & ~0xffL) << 12);
        assertEquals(4099, BlockDevice.major(big));
        assertEquals(300000, BlockDevice.minor(big));
    }
}
