package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.lvmpersist.transport.ReservationType.EA;
import static io.lvmpersist.transport.ReservationType.EAAR;
import static io.lvmpersist.transport.ReservationType.WE;
import static io.lvmpersist.transport.ReservationType.WEAR;
import static io.lvmpersist.transport.ReservationType.WERO;
import static io.lvmpersist.transport.sim.NvmeNamespace.ACQUIRE;
import static io.lvmpersist.transport.sim.NvmeNamespace.CLEAR;
import static io.lvmpersist.transport.sim.NvmeNamespace.PREEMPT;
import static io.lvmpersist.transport.sim.NvmeNamespace.PREEMPT_AND_ABORT;
import static io.lvmpersist.transport.sim.NvmeNamespace.REGISTER;
import static io.lvmpersist.transport.sim.NvmeNamespace.RELEASE;
import static io.lvmpersist.transport.sim.NvmeNamespace.REPLACE;
import static io.lvmpersist.transport.sim.NvmeNamespace.UNREGISTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NVMe reservation rules of A3, one test per difference from SCSI or nvmet particularity. */
class NvmeNamespaceRulesTest {
    private static final long K1 = 0x1000000000000001L;
    private static final long K2 = 0x1000000000000002L;
    private static final long K3 = 0x1000000000000003L;
    private static final int SUCCESS = 0x0000;
    private static final int INVALID_OPCODE = 0x4001;
    private static final int INVALID_FIELD = 0x4002;
    private static final int HOST_ID_INCONSISTENT = 0x4018;
    private static final int CONFLICT = 0x4083;

    private final PrState state = new PrState();
    private NvmeNamespace ns = new NvmeNamespace(state, Faults.NONE);

    private int register(String host, int rrega, boolean iekey, long crkey, long nrkey) {
        return ns.register(host, rrega, iekey, 0, crkey, nrkey).value();
    }

    private int acquire(String host, int racqa, ReservationType type, long crkey, long prkey) {
        return ns.acquire(host, racqa, false, type.nvmeCode(), crkey, prkey).value();
    }

    private int release(String host, int rrela, ReservationType type, long crkey) {
        return ns.release(host, rrela, false, type == null ? 0 : type.nvmeCode(), crkey).value();
    }

    private ReservationReport report() {
        NvmeReply<ReservationReport> reply = ns.report("h1", true);
        assertEquals(NvmeStatus.SUCCESS, reply.status());
        return reply.data();
    }

    private List<Long> keys() {
        return report().registrants().stream().map(ReservationReport.Registrant::rkey).toList();
    }

    private void registered(String host, long key) {
        assertEquals(SUCCESS, register(host, REGISTER, false, 0, key));
    }

    @Test
    void registeringTheSameKeyAgainSucceedsAndBumpsTheGeneration() {
        registered("h1", K1);
        assertEquals(SUCCESS, register("h1", REGISTER, false, 0, K1));
        assertEquals(2, report().generation());
        assertEquals(List.of(K1), keys());
    }

    @Test
    void registeringADifferentKeyConflicts() {
        registered("h1", K1);
        assertEquals(CONFLICT, register("h1", REGISTER, false, 0, K2));
        assertEquals(CONFLICT, register("h1", REGISTER, true, 0, K2));
        assertEquals(1, report().generation());
    }

    @Test
    void replaceNeedsTheCurrentKeyUnlessIekey() {
        registered("h1", K1);
        assertEquals(CONFLICT, register("h1", REPLACE, false, K3, K2));
        assertEquals(SUCCESS, register("h1", REPLACE, false, K1, K2));
        assertEquals(SUCCESS, register("h1", REPLACE, true, K3, K3));
        assertEquals(List.of(K3), keys());
        assertEquals(3, report().generation());
    }

    @Test
    void replaceByAnUnregisteredHostConflictsEvenWithIekey() {
        assertEquals(CONFLICT, register("h1", REPLACE, true, 0, K1));
        assertEquals(List.of(), keys());
    }

    @Test
    void unregisterNeedsTheCurrentKeyUnlessIekey() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(CONFLICT, register("h1", UNREGISTER, false, K2, 0));
        assertEquals(SUCCESS, register("h1", UNREGISTER, false, K1, 0));
        assertEquals(SUCCESS, register("h2", UNREGISTER, true, 0, 0));
        assertEquals(CONFLICT, register("h2", UNREGISTER, true, 0, 0));
        assertEquals(List.of(), keys());
        assertEquals(4, report().generation());
    }

    @Test
    void keyZeroCannotBeRegistered() {
        assertEquals(INVALID_FIELD, register("h1", REGISTER, false, 0, 0));
        registered("h1", K1);
        assertEquals(INVALID_FIELD, register("h1", REPLACE, false, K1, 0));
        assertEquals(List.of(K1), keys());
    }

    @Test
    void cptplThreeAndTwoSetPtplAndOneIsReserved() {
        assertEquals(SUCCESS, ns.register("h1", REGISTER, false, 3, 0, K1).value());
        assertTrue(report().ptpls());
        assertEquals(INVALID_FIELD, ns.register("h1", REGISTER, false, 1, 0, K1).value());
        assertEquals(SUCCESS, ns.register("h1", REGISTER, false, 2, 0, K1).value());
        assertFalse(report().ptpls());
    }

    @Test
    void acquireOfAnExistingAllRegistrantsReservationByAnotherRegistrantConflictsAsNvmetDoes() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(SUCCESS, acquire("h1", ACQUIRE, WEAR, K1, 0));
        assertEquals(CONFLICT, acquire("h2", ACQUIRE, WEAR, K2, 0));
        assertEquals(SUCCESS, acquire("h1", ACQUIRE, WEAR, K1, 0));
        assertEquals(WEAR.nvmeCode(), report().rtype());
    }

    @Test
    void acquireByTheHolderWithAnotherTypeConflicts() {
        registered("h1", K1);
        assertEquals(SUCCESS, acquire("h1", ACQUIRE, WE, K1, 0));
        assertEquals(CONFLICT, acquire("h1", ACQUIRE, EA, K1, 0));
    }

    @Test
    void acquireNeedsARegistrationWithCrkey() {
        registered("h1", K1);
        assertEquals(CONFLICT, acquire("h2", ACQUIRE, WE, 0, 0));
        assertEquals(CONFLICT, acquire("h1", ACQUIRE, WE, K2, 0));
        assertEquals(0, report().rtype());
    }

    @Test
    void acquireAndReleaseDoNotBumpTheGenerationPreemptAndClearDo() {
        registered("h1", K1);
        registered("h2", K2);
        acquire("h1", ACQUIRE, WE, K1, 0);
        release("h1", RELEASE, WE, K1);
        assertEquals(2, report().generation());
        assertEquals(SUCCESS, acquire("h1", PREEMPT, WE, K1, K2));
        assertEquals(3, report().generation());
        assertEquals(SUCCESS, release("h1", CLEAR, null, K1));
        assertEquals(4, report().generation());
        assertEquals(List.of(), keys());
    }

    @Test
    void releaseByANonHolderIsASuccessfulNoOp() {
        registered("h1", K1);
        registered("h2", K2);
        assertEquals(SUCCESS, acquire("h1", ACQUIRE, WEAR, K1, 0));
        assertEquals(SUCCESS, release("h2", RELEASE, WEAR, K2));
        assertEquals(WEAR.nvmeCode(), report().rtype());
    }

    @Test
    void releaseWithTheWrongTypeConflicts() {
        registered("h1", K1);
        assertEquals(SUCCESS, acquire("h1", ACQUIRE, WE, K1, 0));
        assertEquals(CONFLICT, release("h1", RELEASE, EA, K1));
        assertEquals(SUCCESS, release("h1", RELEASE, WE, K1));
        assertEquals(0, report().rtype());
    }

    @Test
    void iekeyOnAcquireOrReleaseIsInvalidField() {
        registered("h1", K1);
        assertEquals(INVALID_FIELD, ns.acquire("h1", ACQUIRE, true, WE.nvmeCode(), K1, 0).value());
        assertEquals(SUCCESS, acquire("h1", ACQUIRE, WE, K1, 0));
        assertEquals(INVALID_FIELD, ns.release("h1", RELEASE, true, WE.nvmeCode(), K1).value());
        assertEquals(WE.nvmeCode(), report().rtype());
    }

    @Test
    void anRtypeOutsideOneToSixOrDisabledIsInvalidField() {
        ns = new NvmeNamespace(state, Faults.builder().unsupportedTypes(Set.of(EAAR)).build());
        registered("h1", K1);
        assertEquals(INVALID_FIELD, ns.acquire("h1", ACQUIRE, false, 7, K1, 0).value());
        assertEquals(INVALID_FIELD, ns.acquire("h1", ACQUIRE, false, 0, K1, 0).value());
        assertEquals(INVALID_FIELD, acquire("h1", ACQUIRE, EAAR, K1, 0));
        assertFalse(ns.reservationCapabilities().orElseThrow().supports(EAAR));
    }

    @Test
    void reportWithoutExtendedDataFailsBecauseHostIdsAre128Bit() {
        assertEquals(HOST_ID_INCONSISTENT, ns.report("h1", false).status().value());
    }

    @Test
    void reportSetsRcstsForTheHolderOnlyOrForEveryRegistrantUnderAllRegistrants() {
        registered("h1", K1);
        registered("h2", K2);
        acquire("h2", ACQUIRE, WERO, K2, 0);
        assertEquals(List.of(false, true), report().registrants().stream().map(ReservationReport.Registrant::holds)
                .toList());
        release("h2", RELEASE, WERO, K2);
        acquire("h2", ACQUIRE, EAAR, K2, 0);
        ReservationReport report = report();
        assertEquals(EAAR.nvmeCode(), report.rtype());
        assertEquals(List.of(true, true), report.registrants().stream().map(ReservationReport.Registrant::holds)
                .toList());
        assertEquals(NvmeNamespace.hostId("h1"), report.registrants().getFirst().hostId());
        assertEquals(0xFFFF, report.registrants().getFirst().cntlid());
    }

    @Test
    void anAllRegistrantsReservationPassesToTheFirstRemainingRegistrant() {
        registered("h1", K1);
        registered("h2", K2);
        registered("h3", K3);
        acquire("h2", ACQUIRE, WEAR, K2, 0);
        assertEquals(SUCCESS, register("h2", UNREGISTER, false, K2, 0));
        assertEquals(WEAR.nvmeCode(), report().rtype());
        assertEquals(SUCCESS, acquire("h1", ACQUIRE, WEAR, K1, 0), "h1 is nvmet's holder now");
        assertEquals(CONFLICT, acquire("h3", ACQUIRE, WEAR, K3, 0));
        register("h1", UNREGISTER, false, K1, 0);
        register("h3", UNREGISTER, false, K3, 0);
        assertEquals(0, report().rtype());
    }

    @Test
    void unregisteringTheHolderOfANonArReservationReleasesIt() {
        registered("h1", K1);
        registered("h2", K2);
        acquire("h1", ACQUIRE, EA, K1, 0);
        assertEquals(SUCCESS, register("h1", UNREGISTER, false, K1, 0));
        assertEquals(0, report().rtype());
    }

    @Test
    void preemptWithPrkeyZeroUnderAllRegistrantsTakesOverAndRemovesEveryoneElse() {
        registered("h1", K1);
        registered("h2", K2);
        registered("h3", K3);
        acquire("h1", ACQUIRE, EAAR, K1, 0);
        assertEquals(SUCCESS, acquire("h3", PREEMPT_AND_ABORT, WE, K3, 0));
        assertEquals(List.of(K3), keys());
        assertEquals(WE.nvmeCode(), report().rtype());
        assertTrue(state.canWrite("h3"));
        assertFalse(state.canWrite("h1"));
    }

    @Test
    void preemptOfTheHoldersKeyMovesTheReservation() {
        registered("h1", K1);
        registered("h2", K2);
        acquire("h1", ACQUIRE, WE, K1, 0);
        assertEquals(SUCCESS, acquire("h2", PREEMPT, EA, K2, K1));
        assertEquals(List.of(K2), keys());
        assertEquals(EA.nvmeCode(), report().rtype());
        assertEquals(List.of(true), report().registrants().stream().map(ReservationReport.Registrant::holds).toList());
    }

    @Test
    void preemptByTheHolderOnlyChangesTheTypeAsNvmetDoes() {
        registered("h1", K1);
        registered("h2", K2);
        acquire("h1", ACQUIRE, WE, K1, 0);
        assertEquals(SUCCESS, acquire("h1", PREEMPT, WERO, K1, K2));
        assertEquals(List.of(K1, K2), keys());
        assertEquals(WERO.nvmeCode(), report().rtype());
    }

    @Test
    void preemptOfAnotherKeyOnlyUnregistersAndAKeyNobodyHoldsConflicts() {
        registered("h1", K1);
        registered("h2", K2);
        registered("h3", K3);
        acquire("h1", ACQUIRE, WE, K1, 0);
        assertEquals(SUCCESS, acquire("h2", PREEMPT, WE, K2, K3));
        assertEquals(List.of(K1, K2), keys());
        assertEquals(CONFLICT, acquire("h2", PREEMPT, WE, K2, K3));
    }

    @Test
    void preemptWithPrkeyZeroOfANonArReservationIsInvalidField() {
        registered("h1", K1);
        registered("h2", K2);
        acquire("h1", ACQUIRE, WE, K1, 0);
        assertEquals(INVALID_FIELD, acquire("h2", PREEMPT, WE, K2, 0));
        assertEquals(2, report().generation());
    }

    @Test
    void aControllerWithoutReservationsRejectsTheOpcodes() {
        ns = new NvmeNamespace(state, Faults.builder().prSupported(false).build());
        assertEquals(INVALID_OPCODE, register("h1", REGISTER, false, 0, K1));
        assertEquals(INVALID_OPCODE, acquire("h1", ACQUIRE, WE, K1, 0));
        assertEquals(INVALID_OPCODE, release("h1", RELEASE, WE, K1));
        assertEquals(INVALID_OPCODE, ns.report("h1", true).status().value());
        assertTrue(ns.reservationCapabilities().isEmpty());
    }
}
