package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.lvmpersist.transport.ReservationType.EA;
import static io.lvmpersist.transport.ReservationType.EAAR;
import static io.lvmpersist.transport.ReservationType.EARO;
import static io.lvmpersist.transport.ReservationType.WE;
import static io.lvmpersist.transport.ReservationType.WEAR;
import static io.lvmpersist.transport.ReservationType.WERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per row of the SPC rule table (pr-wire-facts-and-anchors.md A1), at the PR IN / PR OUT level. */
class ScsiLunRulesTest {
    private static final long K1 = 0x1000000000000001L;
    private static final long K2 = 0x1000000000000002L;
    private static final long K3 = 0x1000000000000003L;

    private final PrState state = new PrState();
    private ScsiLun lun = new ScsiLun(state, Faults.NONE);

    private ScsiStatus out(String host, ProutCommand command) {
        return lun.persistentReserveOut(host, command);
    }

    private void registered(String host, long key) {
        assertEquals(ScsiStatus.GOOD, out(host, ProutCommand.registerAndIgnore(key, false)));
    }

    private KeyList keys(String host) {
        ScsiReply<KeyList> reply = lun.readKeys(host);
        assertEquals(ScsiStatus.GOOD, reply.status());
        return reply.data();
    }

    private Reservation reservation(String host) {
        ScsiReply<Reservation> reply = lun.readReservation(host);
        assertEquals(ScsiStatus.GOOD, reply.status());
        return reply.data();
    }

    private void noUnitAttentions() {
        lun = new ScsiLun(state, Faults.builder().unitAttentions(false).build());
    }

    private static List<ReservationKey> list(long... keys) {
        return java.util.Arrays.stream(keys).mapToObj(ReservationKey::of).toList();
    }

    @Test
    void registerFromAnUnregisteredNexusWithNonZeroKeyConflicts() {
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h1", ProutCommand.register(K1, K2, false)));
        assertEquals(list(), keys("h1").keys());
        assertEquals(0, keys("h1").generation());
    }

    @Test
    void registerFromAnUnregisteredNexusWithKeyZeroRegisters() {
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.register(0, K1, false)));
        assertEquals(new KeyList(1, list(K1)), keys("h1"));
    }

    @Test
    void registerFromARegisteredNexusWithAnotherCurrentKeyConflicts() {
        registered("h1", K1);
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h1", ProutCommand.register(K2, K3, false)));
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h1", ProutCommand.register(0, K3, false)));
        assertEquals(new KeyList(1, list(K1)), keys("h1"));
    }

    @Test
    void registerWithTheRightCurrentKeyChangesTheKey() {
        registered("h1", K1);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.register(K1, K2, false)));
        assertEquals(new KeyList(2, list(K2)), keys("h1"));
    }

    @Test
    void registerWithServiceActionKeyZeroUnregisters() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.register(K1, 0, false)));
        assertEquals(new KeyList(3, list(K2)), keys("h2"));
    }

    @Test
    void registerAndIgnoreWithServiceActionKeyZeroUnregistersAndReleasesANonArReservation() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.registerAndIgnore(0, false)));
        assertEquals(Reservation.none(3), reservation("h2"));
        assertTrue(state.canWrite("h2"));
    }

    @Test
    void registerSarkZeroFromAnUnregisteredNexusIsAGoodNoOp() {
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.register(0, 0, false)));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.registerAndIgnore(0, false)));
        assertEquals(new KeyList(0, list()), keys("h1"));
    }

    @Test
    void registerAndIgnoreExistingKeyIgnoresTheCurrentKey() {
        registered("h1", K1);
        assertEquals(ScsiStatus.GOOD, out("h1",
                new ProutCommand(ProutServiceAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, K3, K2, false)));
        assertEquals(new KeyList(2, list(K2)), keys("h1"));
    }

    @Test
    void registrationsArePerNexusSoTwoHostsMayShareAKey() {
        registered("h1", K1);
        registered("h2", K1);
        assertEquals(new KeyList(2, list(K1, K1)), keys("h1"));
    }

    @Test
    void everyOtherProutFromAnUnregisteredNexusConflicts() {
        registered("h1", K1);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        for (ProutCommand command : List.of(ProutCommand.reserve(0, WE.scsiCode()),
                ProutCommand.release(0, WE.scsiCode()), ProutCommand.clear(0),
                ProutCommand.preempt(0, K1, WE.scsiCode(), false), ProutCommand.preempt(0, K1, WE.scsiCode(), true))) {
            assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h2", command), command.toString());
        }
        assertEquals(new Reservation(1, Optional.of(WE), ReservationKey.of(K1)), reservation("h1"));
    }

    @Test
    void proutWithAWrongReservationKeyConflicts() {
        registered("h1", K1);
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h1", ProutCommand.reserve(K2, WE.scsiCode())));
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h1", ProutCommand.clear(K2)));
        assertEquals(Reservation.none(1), reservation("h1"));
    }

    @Test
    void reserveWhenAnotherNexusHoldsConflicts() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WERO.scsiCode())));
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h2", ProutCommand.reserve(K2, WERO.scsiCode())));
        assertEquals(ReservationKey.of(K1), reservation("h2").holder());
    }

    @Test
    void reserveByTheHolderWithTheSameTypeIsIdempotentAndAnotherTypeConflicts() {
        registered("h1", K1);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, EA.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, EA.scsiCode())));
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        assertEquals(new Reservation(1, Optional.of(EA), ReservationKey.of(K1)), reservation("h1"));
    }

    @Test
    void reserveOfAnExistingAllRegistrantsTypeByAnotherRegistrantIsGood() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WEAR.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.reserve(K2, WEAR.scsiCode())));
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h2", ProutCommand.reserve(K2, EAAR.scsiCode())));
    }

    @Test
    void releaseWithoutAReservationOrByANonHolderIsAGoodNoOp() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.release(K2, WE.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.release(K2, WE.scsiCode())));
        assertEquals(new Reservation(2, Optional.of(WE), ReservationKey.of(K1)), reservation("h1"));
    }

    @Test
    void releaseByTheHolderWithTheWrongTypeIsInvalidRelease2604() {
        registered("h1", K1);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        ScsiStatus status = out("h1", ProutCommand.release(K1, EA.scsiCode()));
        assertEquals(new ScsiStatus(0x02, 0x5, 0x26, 0x04), status);
        assertEquals(Optional.of(WE), reservation("h1").type());
    }

    @Test
    void releaseOfARegistrantsOnlyTypeTellsTheOtherRegistrantsReservationsReleased() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WERO.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.release(K1, WERO.scsiCode())));
        assertEquals(Reservation.none(2), reservation("h1"));
        assertEquals(new ScsiStatus(0x02, 0x6, 0x2A, 0x04), lun.readKeys("h2").status());
    }

    @Test
    void releaseOfAnAllRegistrantsTypeByAnyRegistrantReleasesAndTellsTheOthers() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, EAAR.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.release(K2, EAAR.scsiCode())));
        assertEquals(ScsiStatus.unitAttention(UnitAttention.RESERVATIONS_RELEASED), lun.readKeys("h1").status());
        assertEquals(Reservation.none(2), reservation("h1"));
    }

    @Test
    void releaseOfWriteExclusiveQueuesNoUnitAttention() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.release(K1, WE.scsiCode())));
        assertEquals(ScsiStatus.GOOD, lun.readKeys("h2").status());
    }

    @Test
    void clearDropsAllRegistrationsAndTheReservationBumpsTheGenerationAndTellsOthers() {
        registered("h1", K1);
        registered("h2", K2);
        registered("h3", K3);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, EA.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.clear(K2)));
        assertEquals(new KeyList(4, list()), keys("h2"));
        assertEquals(Reservation.none(4), reservation("h2"));
        ScsiStatus preempted = ScsiStatus.unitAttention(UnitAttention.RESERVATIONS_PREEMPTED);
        assertEquals(preempted, lun.readKeys("h1").status());
        assertEquals(preempted, lun.readKeys("h3").status());
    }

    @Test
    void preemptOfTheHolderMovesTheReservationAndRemovesTheVictims() {
        registered("h1", K1);
        registered("h2", K2);
        registered("h3", K1);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.preempt(K2, K1, EA.scsiCode(), false)));
        assertEquals(new KeyList(4, list(K2)), keys("h2"));
        assertEquals(new Reservation(4, Optional.of(EA), ReservationKey.of(K2)), reservation("h2"));
        ScsiStatus preempted = ScsiStatus.unitAttention(UnitAttention.REGISTRATIONS_PREEMPTED);
        assertEquals(preempted, lun.readKeys("h1").status());
        assertEquals(preempted, lun.readKeys("h3").status());
        assertFalse(state.canWrite("h1"));
    }

    @Test
    void preemptByTheHolderWithItsOwnKeyKeepsItsRegistrationAndChangesTheType() {
        registered("h1", K1);
        registered("h2", K1);
        registered("h3", K3);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.preempt(K1, K1, WERO.scsiCode(), false)));
        assertEquals(new KeyList(4, list(K1, K3)), keys("h1"));
        assertEquals(new Reservation(4, Optional.of(WERO), ReservationKey.of(K1)), reservation("h1"));
        assertEquals(ScsiStatus.unitAttention(UnitAttention.REGISTRATIONS_PREEMPTED), lun.readKeys("h2").status());
        assertEquals(ScsiStatus.unitAttention(UnitAttention.RESERVATIONS_RELEASED), lun.readKeys("h3").status());
    }

    @Test
    void preemptOfANonHolderKeyOnlyRemovesRegistrations() {
        registered("h1", K1);
        registered("h2", K2);
        registered("h3", K3);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WERO.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.preempt(K1, K3, EA.scsiCode(), false)));
        assertEquals(new KeyList(4, list(K1, K2)), keys("h1"));
        assertEquals(new Reservation(4, Optional.of(WERO), ReservationKey.of(K1)), reservation("h1"));
    }

    @Test
    void preemptWithoutAReservationRemovesTheRegistrations() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.preempt(K1, K2, WE.scsiCode(), false)));
        assertEquals(new KeyList(3, list(K1)), keys("h1"));
        assertEquals(Reservation.none(3), reservation("h1"));
    }

    @Test
    void preemptWithKeyZeroUnderAnAllRegistrantsReservationRemovesEveryoneElse() {
        registered("h1", K1);
        registered("h2", K2);
        registered("h3", K3);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WEAR.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.preempt(K2, 0, WE.scsiCode(), false)));
        assertEquals(new KeyList(4, list(K2)), keys("h2"));
        assertEquals(new Reservation(4, Optional.of(WE), ReservationKey.of(K2)), reservation("h2"));
    }

    @Test
    void preemptWithAKeyNobodyHoldsConflicts() {
        registered("h1", K1);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WEAR.scsiCode())));
        assertEquals(ScsiStatus.RESERVATION_CONFLICT, out("h1", ProutCommand.preempt(K1, K3, WEAR.scsiCode(), false)));
        assertEquals(new KeyList(1, list(K1)), keys("h1"));
    }

    @Test
    void preemptWithKeyZeroWithoutAnAllRegistrantsReservationIsInvalidFieldInParameterList() {
        registered("h1", K1);
        assertEquals(ScsiStatus.INVALID_FIELD_IN_PARAMETER_LIST,
                out("h1", ProutCommand.preempt(K1, 0, WE.scsiCode(), false)));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        assertEquals(new ScsiStatus(0x02, 0x5, 0x26, 0x00), out("h1", ProutCommand.preempt(K1, 0, WE.scsiCode(), true)));
    }

    @Test
    void preemptAndAbortActsLikePreempt() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, WE.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.preempt(K2, K1, WE.scsiCode(), true)));
        assertEquals(new KeyList(3, list(K2)), keys("h2"));
        assertEquals(new Reservation(3, Optional.of(WE), ReservationKey.of(K2)), reservation("h2"));
    }

    @Test
    void generationIsNotBumpedByReserveReleaseOrFailedCommands() {
        registered("h1", K1);
        out("h1", ProutCommand.reserve(K1, WE.scsiCode()));
        out("h1", ProutCommand.release(K1, WE.scsiCode()));
        out("h2", ProutCommand.register(K1, K2, false));
        out("h1", ProutCommand.preempt(K1, K3, WE.scsiCode(), false));
        out("h1", ProutCommand.release(K1, EA.scsiCode()));
        assertEquals(1, keys("h1").generation());
    }

    @Test
    void readReservationUnderAllRegistrantsTypesReportsKeyZero() {
        registered("h1", K1);
        for (ReservationType type : List.of(WEAR, EAAR)) {
            assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, type.scsiCode())));
            assertEquals(new Reservation(1, Optional.of(type), ReservationKey.NONE), reservation("h1"));
            assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.release(K1, type.scsiCode())));
        }
    }

    @Test
    void anAllRegistrantsReservationPersistsWhileAnyRegistrantRemains() {
        noUnitAttentions();
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, EAAR.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.register(K1, 0, false)));
        assertEquals(Optional.of(EAAR), reservation("h2").type());
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.register(K2, 0, false)));
        assertEquals(Reservation.none(4), reservation("h2"));
    }

    @Test
    void unregisteringTheHolderOfARegistrantsOnlyReservationReleasesItAndTellsTheOthers() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.reserve(K1, EARO.scsiCode())));
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.register(K1, 0, false)));
        assertEquals(ScsiStatus.unitAttention(UnitAttention.RESERVATIONS_RELEASED), lun.readReservation("h2").status());
        assertEquals(Reservation.none(3), reservation("h2"));
    }

    @Test
    void aUnitAttentionIsReportedOnceAndTheCommandIsNotExecuted() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.preempt(K1, K2, WE.scsiCode(), false)));
        ScsiStatus ua = out("h2", ProutCommand.registerAndIgnore(K3, false));
        assertEquals(ScsiStatus.unitAttention(UnitAttention.REGISTRATIONS_PREEMPTED), ua);
        assertEquals(new KeyList(3, list(K1)), keys("h1"), "the command that got the UA did nothing");
        assertEquals(ScsiStatus.GOOD, out("h2", ProutCommand.registerAndIgnore(K3, false)));
        assertEquals(new KeyList(4, list(K1, K3)), keys("h1"));
    }

    @Test
    void unitAttentionsCanBeSwitchedOff() {
        noUnitAttentions();
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.clear(K1)));
        assertEquals(ScsiStatus.GOOD, lun.readKeys("h2").status());
    }

    @Test
    void anInvalidOrUnsupportedTypeIsInvalidFieldInCdb() {
        lun = new ScsiLun(state, Faults.builder().unsupportedTypes(Set.of(EAAR)).build());
        registered("h1", K1);
        assertEquals(ScsiStatus.INVALID_FIELD_IN_CDB, out("h1", ProutCommand.reserve(K1, 2)));
        assertEquals(ScsiStatus.INVALID_FIELD_IN_CDB, out("h1", ProutCommand.reserve(K1, EAAR.scsiCode())));
        assertEquals(ScsiStatus.INVALID_FIELD_IN_CDB, out("h1", ProutCommand.preempt(K1, K1, EAAR.scsiCode(), false)));
        Capabilities caps = lun.reportCapabilities("h1").data();
        assertEquals(EnumSet.complementOf(EnumSet.of(EAAR)), EnumSet.copyOf(caps.types()));
        assertTrue(caps.typesReported());
    }

    @Test
    void aLunWithoutPrSupportRejectsTheOpcode() {
        lun = new ScsiLun(state, Faults.builder().prSupported(false).build());
        assertEquals(new ScsiStatus(0x02, 0x5, 0x20, 0x00), out("h1", ProutCommand.registerAndIgnore(K1, false)));
        assertEquals(ScsiStatus.INVALID_OPCODE, lun.readKeys("h1").status());
        assertEquals(ScsiStatus.INVALID_OPCODE, lun.reportCapabilities("h1").status());
    }

    @Test
    void theAptplBitOfTheLastRegisterIsStored() {
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.registerAndIgnore(K1, true)));
        assertTrue(state.ptpl());
        assertEquals(ScsiStatus.GOOD, out("h1", ProutCommand.register(K1, K2, false)));
        assertFalse(state.ptpl());
    }
}
