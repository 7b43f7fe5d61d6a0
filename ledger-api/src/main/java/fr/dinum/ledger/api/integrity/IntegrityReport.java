package fr.dinum.ledger.api.integrity;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The result of a verification of the event chain.
 *
 * @param intact        true when no break was found.
 * @param eventsChecked the events read and re-hashed.
 * @param breaks        every break, in the order of the verification query.
 */
public record IntegrityReport(boolean intact, long eventsChecked, List<Break> breaks) {

    /**
     * One break. {@code conventionId} and {@code sequenceNumber} are null for a global anchor that no
     * longer matches; {@code globalIndex} is null for an event that is missing.
     *
     * @param reason a stable code, listed in docs/security.md (HASH_MISSING, CONTENT_ALTERED,
     *               CHAIN_BROKEN, EVENT_MISSING, ORDER_BROKEN, LAST_EVENTS_MISSING, EVENT_AFTER_HEAD,
     *               HEAD_MISMATCH, CHECKPOINT_MISMATCH).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Break(String conventionId, Long sequenceNumber, Long globalIndex, String reason) {
    }
}
