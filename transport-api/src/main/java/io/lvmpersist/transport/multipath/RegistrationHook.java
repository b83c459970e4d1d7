package io.lvmpersist.transport.multipath;

import io.lvmpersist.transport.ReservationKey;

import java.util.Optional;

/**
 * Told when this host's key on a multipath map changes, so the path manager can register paths
 * that appear later (multipathd's prkeys file). Must not throw: a problem comes back as a notice
 * for the user.
 */
public interface RegistrationHook {
    RegistrationHook NONE = new RegistrationHook() {
        @Override
        public Optional<String> registered(ReservationKey key, boolean persistThroughPowerLoss) {
            return Optional.empty();
        }

        @Override
        public Optional<String> unregistered(ReservationKey key) {
            return Optional.empty();
        }
    };

    /** @return a notice for the user when the change could not be recorded */
    Optional<String> registered(ReservationKey key, boolean persistThroughPowerLoss);

    /** @return a notice for the user when the change could not be recorded */
    Optional<String> unregistered(ReservationKey key);
}
