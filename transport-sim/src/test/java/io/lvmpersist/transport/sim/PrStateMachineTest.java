package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.sim.model.NvmeModel;
import io.lvmpersist.transport.sim.model.ScsiModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

import java.util.List;

/**
 * Random sequences of PR commands from four hosts with a small key pool, sent to the simulator and to an
 * independent reference model; every observable (status, keys, generation, type, holder, per-host access)
 * is compared after each step, and the PR invariants are checked on the simulator alone.
 */
class PrStateMachineTest {
    private static final int MAX_STEPS = 35;

    @Property
    @StatisticsReport(onFailureOnly = true)
    void scsiLunBehavesLikeTheSpcModel(@ForAll("scsiChains") ActionChain<ChainHarness> chain) {
        checkCoverage(withInvariants(chain).run());
    }

    /**
     * Unit attentions on: the simulated device resends every command that gets one, as the SG_IO transport does.
     * The model knows nothing of them, so agreement shows that a command failed with a unit attention was not
     * executed (else the resend would have applied it twice).
     */
    @Property
    @StatisticsReport(onFailureOnly = true)
    void scsiLunWithUnitAttentionsBehavesLikeTheSpcModelWhenRetried(
            @ForAll("scsiChainsWithUnitAttentions") ActionChain<ChainHarness> chain) {
        ChainHarness h = withInvariants(chain).run();
        Statistics.label("unit attentions").collect(h.unitAttentions > 0);
        Statistics.label("unit attentions").coverage(c -> c.check(true).percentage(p -> p > 50));
    }

    @Property
    @StatisticsReport(onFailureOnly = true)
    void nvmeNamespaceBehavesLikeTheNvmetModel(@ForAll("nvmeChains") ActionChain<ChainHarness> chain) {
        checkCoverage(withInvariants(chain).run());
    }

    // Guards the generators: enough chains must reach the interesting states, or the comparison proves little.
    private static void checkCoverage(ChainHarness h) {
        for (String what : List.of("single holder", "AR held", "preempt", "clear", "release", "unregister")) {
            Statistics.label(what).collect(h.reached.contains(what));
        }
        Statistics.label("steps").collect(h.steps >= 20 ? ">= 20" : "< 20");
        Statistics.label("single holder").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("AR held").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("preempt").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("steps").coverage(c -> c.check(">= 20").percentage(p -> p > 30));
    }

    @Provide
    Arbitrary<ActionChain<ChainHarness>> scsiChains() {
        return actions(ActionChain.startWith(() -> new ChainHarness(Personality.SCSI, new ScsiModel(), false)));
    }

    @Provide
    Arbitrary<ActionChain<ChainHarness>> scsiChainsWithUnitAttentions() {
        return actions(ActionChain.startWith(() -> new ChainHarness(Personality.SCSI, new ScsiModel(), true)));
    }

    @Provide
    Arbitrary<ActionChain<ChainHarness>> nvmeChains() {
        return actions(ActionChain.startWith(() -> new ChainHarness(Personality.NVME, new NvmeModel(), false)));
    }

    private static ActionChain<ChainHarness> withInvariants(ActionChain<ChainHarness> chain) {
        return chain
                .withInvariant("at most one non-AR holder", ChainHarness::atMostOneSingleHolder)
                .withInvariant("holder is registered", ChainHarness::holderIsRegistered)
                .withInvariant("generation grows only on the right actions",
                        ChainHarness::generationGrowsOnlyOnTheRightSteps)
                .withInvariant("fenced host cannot write", ChainHarness::fencedHostsCannotWrite)
                .withInvariant("key 0 never registered", ChainHarness::keyZeroNeverRegistered);
    }

    private static ActionChainArbitrary<ChainHarness> actions(ActionChainArbitrary<ChainHarness> start) {
        return start
                .withAction(5, (Action.Dependent<ChainHarness>) PrStateMachineTest::register)
                .withAction(1, (Action.Dependent<ChainHarness>) PrStateMachineTest::unregister)
                .withAction(4, (Action.Dependent<ChainHarness>) PrStateMachineTest::reserve)
                .withAction(2, (Action.Dependent<ChainHarness>) PrStateMachineTest::release)
                .withAction(1, (Action.Dependent<ChainHarness>) PrStateMachineTest::clear)
                .withAction(3, (Action.Dependent<ChainHarness>) PrStateMachineTest::preempt)
                .withMaxTransformations(MAX_STEPS);
    }

    private static Arbitrary<String> hosts() {
        return Arbitraries.of(ChainHarness.HOSTS);
    }

    /** Mostly the host's own current key (so commands succeed often), sometimes any key of the pool or 0. */
    private static Arbitrary<Long> keyOf(ChainHarness h, String host) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(h.model.keyOf(host))),
                Tuple.of(1, Arbitraries.of(0L, 1L, 2L, 3L)));
    }

    private static Arbitrary<Long> poolKey() {
        return Arbitraries.of(1L, 2L, 3L);
    }

    private static Arbitrary<ReservationType> types() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(ReservationType.WE, ReservationType.WEAR)),
                Tuple.of(2, Arbitraries.of(ReservationType.class)));
    }

    private static Arbitrary<Transformer<ChainHarness>> register(ChainHarness h) {
        return hosts().flatMap(host -> Combinators.combine(keyOf(h, host), poolKey(), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((cur, key, ignore, ptpl) -> Transformer.mutate(
                String.format("%s register(cur=%d, new=%d, ignore=%b, ptpl=%b)", host, cur, key, ignore, ptpl),
                (ChainHarness s) -> s.step(host + " register", "register",
                        d -> d.register(ReservationKey.of(cur), ReservationKey.of(key), ignore, ptpl), host,
                        () -> s.model.register(host, cur, key, ignore)))));
    }

    private static Arbitrary<Transformer<ChainHarness>> unregister(ChainHarness h) {
        return hosts().flatMap(host -> keyOf(h, host).map(cur -> Transformer.mutate(
                String.format("%s unregister(cur=%d)", host, cur),
                (ChainHarness s) -> s.step(host + " unregister", "unregister",
                        d -> d.unregister(ReservationKey.of(cur)), host, () -> s.model.unregister(host, cur)))));
    }

    private static Arbitrary<Transformer<ChainHarness>> reserve(ChainHarness h) {
        return hosts().flatMap(host -> Combinators.combine(keyOf(h, host), types()).as((key, type) ->
                Transformer.mutate(String.format("%s reserve(key=%d, %s)", host, key, type),
                        (ChainHarness s) -> s.step(host + " reserve " + type, "reserve",
                                d -> d.reserve(ReservationKey.of(key), type), host,
                                () -> s.model.reserve(host, key, type)))));
    }

    private static Arbitrary<Transformer<ChainHarness>> release(ChainHarness h) {
        Arbitrary<ReservationType> type = h.model.type().isEmpty() ? types()
                : Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(h.model.type().get())), Tuple.of(1, types()));
        return hosts().flatMap(host -> Combinators.combine(keyOf(h, host), type).as((key, t) ->
                Transformer.mutate(String.format("%s release(key=%d, %s)", host, key, t),
                        (ChainHarness s) -> s.step(host + " release " + t, "release",
                                d -> d.release(ReservationKey.of(key), t), host,
                                () -> s.model.release(host, key, t)))));
    }

    private static Arbitrary<Transformer<ChainHarness>> clear(ChainHarness h) {
        return hosts().flatMap(host -> keyOf(h, host).map(key -> Transformer.mutate(
                String.format("%s clear(key=%d)", host, key),
                (ChainHarness s) -> s.step(host + " clear", "clear", d -> d.clear(ReservationKey.of(key)), host,
                        () -> s.model.clear(host, key)))));
    }

    private static Arbitrary<Transformer<ChainHarness>> preempt(ChainHarness h) {
        Arbitrary<Long> victims = Arbitraries.of(0L, 1L, 2L, 3L);
        return hosts().flatMap(host -> Combinators.combine(keyOf(h, host), victims, types(),
                Arbitraries.of(true, false)).as((key, victim, type, abort) -> Transformer.mutate(
                String.format("%s preempt(key=%d, victim=%d, %s, abort=%b)", host, key, victim, type, abort),
                (ChainHarness s) -> s.step(host + " preempt", "preempt",
                        d -> d.preempt(ReservationKey.of(key), ReservationKey.of(victim), type, abort), host,
                        () -> s.model.preempt(host, key, victim, type)))));
    }
}
