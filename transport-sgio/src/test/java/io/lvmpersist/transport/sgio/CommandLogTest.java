package io.lvmpersist.transport.sgio;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code --debug} shows: every command with CDB, parameter list and decoded outcome. */
class CommandLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(SgIoPrDevice.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previous;

    @BeforeEach
    void capture() {
        previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // keep the captured lines out of the build log
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setAdditive(true);
        logger.setLevel(previous);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void prOutWithRetryIsLogged() {
        ScriptedExecutor exec = new ScriptedExecutor()
                .expectOut("5f 01 07 00 00 00 00 00 18 00",
                        "00 00 00 00 00 00 00 2a 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                        ScriptedExecutor.checkCondition(6, 0x2a, 0x03))
                .expectOut("5f 01 07 00 00 00 00 00 18 00",
                        "00 00 00 00 00 00 00 2a 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        var device = new SgIoPrDevice("/dev/sdq", DeviceClass.SCSI, exec, Duration.ofSeconds(5), retry -> { });
        device.reserve(ReservationKey.of(0x2a), ReservationType.WEAR);
        String params = "parameters=[00 00 00 00 00 00 00 2a 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00]";
        assertEquals(List.of(
                "/dev/sdq: PR OUT RESERVE cdb=[5f 01 07 00 00 00 00 00 18 00] " + params,
                "/dev/sdq: PR OUT RESERVE -> unit attention (status=0x02 sense=0x6/0x2a/0x03 host=0x00 driver=0x08)",
                "/dev/sdq: PR OUT RESERVE not executed, sending it again (retry 1 of 5)",
                "/dev/sdq: PR OUT RESERVE cdb=[5f 01 07 00 00 00 00 00 18 00] " + params,
                "/dev/sdq: PR OUT RESERVE -> GOOD (status=0x00 host=0x00 driver=0x00, 0 bytes in)"), lines());
    }

    @Test
    void prInIsLoggedWithoutParameters() {
        ScriptedExecutor exec = new ScriptedExecutor()
                .expectIn("5e 01 00 00 00 00 00 00 18 00", 24, "00 00 00 03 00 00 00 00");
        var device = new SgIoPrDevice("/dev/sdq", DeviceClass.SCSI, exec, Duration.ofSeconds(5), retry -> { });
        device.readReservation();
        assertEquals(List.of("/dev/sdq: PR IN READ RESERVATION cdb=[5e 01 00 00 00 00 00 00 18 00]",
                "/dev/sdq: PR IN READ RESERVATION -> GOOD (status=0x00 host=0x00 driver=0x00, 8 bytes in)"), lines());
    }
}
