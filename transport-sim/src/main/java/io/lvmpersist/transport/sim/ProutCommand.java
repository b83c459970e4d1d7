package io.lvmpersist.transport.sim;

/**
 * The fields of one PERSISTENT RESERVE OUT command (CDB + basic parameter list) that matter to the LU.
 *
 * @param action    the service action
 * @param type      the CDB TYPE field as sent (SCSI numbering; 0 for REGISTER/CLEAR)
 * @param key       RESERVATION KEY (RK): the sender's current key
 * @param saKey     SERVICE ACTION RESERVATION KEY (SARK): new key for REGISTER, victim for PREEMPT
 * @param aptpl     the APTPL bit
 */
public record ProutCommand(ProutServiceAction action, int type, long key, long saKey, boolean aptpl) {

    public static ProutCommand register(long key, long saKey, boolean aptpl) {
        return new ProutCommand(ProutServiceAction.REGISTER, 0, key, saKey, aptpl);
    }

    public static ProutCommand registerAndIgnore(long saKey, boolean aptpl) {
        return new ProutCommand(ProutServiceAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, saKey, aptpl);
    }

    public static ProutCommand reserve(long key, int type) {
        return new ProutCommand(ProutServiceAction.RESERVE, type, key, 0, false);
    }

    public static ProutCommand release(long key, int type) {
        return new ProutCommand(ProutServiceAction.RELEASE, type, key, 0, false);
    }

    public static ProutCommand clear(long key) {
        return new ProutCommand(ProutServiceAction.CLEAR, 0, key, 0, false);
    }

    public static ProutCommand preempt(long key, long victim, int type, boolean abort) {
        return new ProutCommand(abort ? ProutServiceAction.PREEMPT_AND_ABORT : ProutServiceAction.PREEMPT,
                type, key, victim, false);
    }
}
