package fr.dinum.ledger.projections.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeReleased;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionAmended;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionTerminated;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsCalled;
import fr.dinum.ledger.domain.convention.ConventionEvent.TrancheThresholdReached;
import fr.dinum.ledger.domain.convention.ConventionEvent.TrancheThresholdReachedEarlier;
import fr.dinum.ledger.domain.convention.Terms.Schedule;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionClosed;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSettled;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.ConventionEvent.CpPaid;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaIssued;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaSigned;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsRestituted;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Montant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import fr.dinum.ledger.projections.batching.BatchedWrites;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Writes the ledger's read models: conventions, money movements, commitments and payments. It runs
 * in the {@value #GROUP} processor, whose token is stored in the same transaction as these rows, so
 * each event is applied exactly once; a replay empties the tables first ({@link #reset()}).
 */
@Component
@ProcessingGroup(LedgerProjection.GROUP)
class LedgerProjection {

    static final String GROUP = "ledger";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;
    private final ObjectMapper json;

    LedgerProjection(JdbcClient jdbc, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    /**
     * A write sent at once, after the batched ones held so far: updates and deletes, which an
     * earlier insert of the same batch of events may have to precede.
     */
    private JdbcClient.StatementSpec direct(String sql) {
        writes.flush();
        return jdbc.sql(sql);
    }

    @EventHandler
    void on(ConventionSigned event, @SequenceNumber long sequence) throws JsonProcessingException {
        direct("""
                        insert into convention_view (convention_id, title, contributor_name, contributor_kind,
                            contributor_siren, beneficiary, fund_code, programme, bop, amount, funding_mode, signed_on,
                            effective_on, ends_on, terms, last_sequence)
                        values (:id, :title, :contributorName, :contributorKind, :siren, :beneficiary, :fundCode,
                            :programme, :bop, :amount, :fundingMode, :signedOn, :effectiveOn, :endsOn,
                            cast(:terms as jsonb), :sequence)""")
                .param("id", event.conventionId())
                .param("title", event.title())
                .param("contributorName", event.contributor().name())
                .param("contributorKind", event.contributor().kind().name())
                .param("siren", event.contributor().siren() == null ? null : event.contributor().siren().toString())
                .param("beneficiary", event.beneficiary())
                .param("fundCode", event.fund() == null ? null : event.fund().fundCode())
                .param("programme", event.fund() == null ? null : event.fund().programme())
                .param("bop", event.fund() == null ? null : event.fund().bop())
                .param("amount", event.amount().value())
                .param("fundingMode", event.fundingMode().name())
                .param("signedOn", event.signedOn())
                .param("effectiveOn", event.effectiveOn())
                .param("endsOn", event.endsOn())
                .param("terms", json.writeValueAsString(event))
                .param("sequence", sequence)
                .update();
        schedule(event.conventionId(), sequence, event.signedOn(),
                new Schedule(event.amount(), event.endsOn(), event.tranches()));
    }

    @EventHandler
    void on(ConventionAmended event, @SequenceNumber long sequence) throws JsonProcessingException {
        schedule(event.conventionId(), sequence, event.signedOn(), event.after());
        // As in the aggregate: a tranche whose trigger, threshold or basis changed is reached anew.
        for (var tranche : event.after().tranches()) {
            var before = event.before().tranches().stream().filter(t -> t.number() == tranche.number()).findFirst();
            if (before.isEmpty() || before.get().trigger() != tranche.trigger()
                    || !java.util.Objects.equals(before.get().threshold(), tranche.threshold())
                    || before.get().basis() != tranche.basis()) {
                direct("delete from threshold_reached where convention_id = :id and tranche_number = :tranche")
                        .param("id", event.conventionId()).param("tranche", tranche.number()).update();
            }
        }
    }

    private void schedule(String conventionId, long sequence, LocalDate effectiveOn, Schedule schedule)
            throws JsonProcessingException {
        writes.insert("""
                        insert into convention_schedule (convention_id, sequence_number, effective_on, amount, ends_on,
                            tranches)
                        values (:id, :sequence, :effectiveOn, :amount, :endsOn, cast(:tranches as jsonb))""",
                new MapSqlParameterSource()
                        .addValue("id", conventionId)
                        .addValue("sequence", sequence)
                        .addValue("effectiveOn", effectiveOn)
                        .addValue("amount", schedule.amount().value())
                        .addValue("endsOn", schedule.endsOn())
                        .addValue("tranches", json.writeValueAsString(schedule.tranches())));
    }

    @EventHandler
    void on(ConventionTerminated event) {
        direct("update convention_view set terminated_on = :on where convention_id = :id")
                .param("on", event.terminatedOn()).param("id", event.conventionId()).update();
    }

    @EventHandler
    void on(TrancheThresholdReached event) {
        direct("""
                        insert into threshold_reached (convention_id, tranche_number, threshold, basis, consumed, reached_on)
                        values (:id, :tranche, :threshold, :basis, :consumed, :reachedOn)""")
                .param("id", event.conventionId())
                .param("tranche", event.trancheNumber())
                .param("threshold", event.threshold().value())
                .param("basis", event.basis().name())
                .param("consumed", event.consumed().value())
                .param("reachedOn", event.reachedOn())
                .update();
    }

    /** The threshold's date moves back; the history keeps the date first recorded. */
    @EventHandler
    void on(TrancheThresholdReachedEarlier event) {
        jdbc.sql("""
                        update threshold_reached set reached_on = :reachedOn, consumed = :consumed
                        where convention_id = :id and tranche_number = :tranche""")
                .param("id", event.conventionId())
                .param("tranche", event.trancheNumber())
                .param("consumed", event.consumed().value())
                .param("reachedOn", event.reachedOn())
                .update();
    }

    @EventHandler
    void on(FundsCalled event) {
        direct("""
                        insert into fund_call (convention_id, call_id, tranche_number, amount, called_on, consumed,
                            payment_count, total_paid, erda_number)
                        values (:id, :callId, :tranche, :amount, :calledOn, :consumed, :paymentCount, :totalPaid,
                            :erdaNumber)""")
                .param("id", event.conventionId())
                .param("callId", event.callId())
                .param("tranche", event.trancheNumber())
                .param("amount", event.amount().value())
                .param("calledOn", event.calledOn())
                .param("consumed", event.consumed().value())
                .param("paymentCount", event.paymentCount())
                .param("totalPaid", event.totalPaid().value())
                .param("erdaNumber", event.erdaNumber())
                .update();
    }

    @EventHandler
    void on(ErdaIssued event, @SequenceNumber long sequence) {
        direct("""
                        insert into erda_issued (convention_id, number, sequence_number, as_of, final, issued_on,
                            payment_count, total_paid, received, sha256)
                        values (:id, :number, :sequence, :asOf, :final, :issuedOn, :paymentCount, :totalPaid,
                            :received, :sha256)""")
                .param("id", event.conventionId())
                .param("number", event.number())
                .param("sequence", sequence)
                .param("asOf", event.asOf())
                .param("final", event.finalErda())
                .param("issuedOn", event.issuedOn())
                .param("paymentCount", event.paymentCount())
                .param("totalPaid", event.totalPaid().value())
                .param("received", event.received().value())
                .param("sha256", event.sha256())
                .update();
    }

    @EventHandler
    void on(ErdaSigned event) {
        direct("""
                        insert into erda_signature (convention_id, number, role, signer, signed_on)
                        values (:id, :number, :role, :signer, :signedOn)""")
                .param("id", event.conventionId())
                .param("number", event.number())
                .param("role", event.role().name())
                .param("signer", event.signer())
                .param("signedOn", event.signedOn())
                .update();
    }

    @EventHandler
    void on(PaymentReceived event, EventMessage<?> message, @SequenceNumber long sequence) {
        movement(message, sequence, event.conventionId(), event.receivedOn(), null)
                .param("received", event.amount().value()).param("overpaid", event.excess().value()).update();
    }

    @EventHandler
    void on(CreditsOpened event, EventMessage<?> message, @SequenceNumber long sequence) {
        movement(message, sequence, event.conventionId(), event.openedOn(), null)
                .param("aeOpened", event.ae().value()).param("cpOpened", event.cp().value()).update();
    }

    @EventHandler
    void on(AeCommitted event, EventMessage<?> message, @SequenceNumber long sequence) {
        writes.insert("""
                        insert into commitment_view (convention_id, ej_number, supplier_name, supplier_siret, object,
                            marche, committed_on, amount)
                        values (:id, :ej, :supplier, :siret, :object, :marche, :committedOn, :amount)""",
                new MapSqlParameterSource()
                        .addValue("id", event.conventionId())
                        .addValue("ej", event.ejNumber().toString())
                        .addValue("supplier", event.supplier().name())
                        .addValue("siret", event.supplier().siret() == null ? null : event.supplier().siret().toString())
                        .addValue("object", event.object())
                        .addValue("marche", event.marche())
                        .addValue("committedOn", event.committedOn())
                        .addValue("amount", event.amount().value()));
        movement(message, sequence, event.conventionId(), event.committedOn(), event.ejNumber())
                .param("aeCommitted", event.amount().value()).update();
    }

    @EventHandler
    void on(AeReleased event, EventMessage<?> message, @SequenceNumber long sequence) {
        movement(message, sequence, event.conventionId(), event.releasedOn(), event.ejNumber())
                .param("aeReleased", event.amount().value()).update();
    }

    @EventHandler
    void on(CpPaid event, EventMessage<?> message, @SequenceNumber long sequence) {
        writes.insert("""
                        insert into payment_view (convention_id, dp_number, ej_number, amount, service_fait_on, paid_on,
                            invoice_reference, sequence_number)
                        values (:id, :dp, :ej, :amount, :serviceFaitOn, :paidOn, :invoice, :sequence)""",
                new MapSqlParameterSource()
                        .addValue("id", event.conventionId())
                        .addValue("dp", event.dpNumber().toString())
                        .addValue("ej", event.ejNumber().toString())
                        .addValue("amount", event.amount().value())
                        .addValue("serviceFaitOn", event.serviceFaitOn())
                        .addValue("paidOn", event.paidOn())
                        .addValue("invoice", event.invoiceReference())
                        .addValue("sequence", sequence));
        movement(message, sequence, event.conventionId(), event.paidOn(), event.ejNumber())
                .param("cpPaid", event.amount().value()).update();
    }

    @EventHandler
    void on(ConventionClosed event, @SequenceNumber long sequence) {
        direct("update convention_view set closed_on = :on, last_sequence = :sequence where convention_id = :id")
                .param("on", event.closedOn()).param("sequence", sequence).param("id", event.conventionId()).update();
    }

    @EventHandler
    void on(FundsRestituted event, EventMessage<?> message, @SequenceNumber long sequence) {
        movement(message, sequence, event.conventionId(), event.restitutedOn(), null)
                .param("restituted", event.amount().value()).update();
    }

    @EventHandler
    void on(ConventionSettled event, @SequenceNumber long sequence) {
        direct("update convention_view set settled_on = :on, last_sequence = :sequence where convention_id = :id")
                .param("on", event.settledOn()).param("sequence", sequence).param("id", event.conventionId()).update();
    }

    @ResetHandler
    void reset() {
        direct("delete from erda_signature").update();
        direct("delete from erda_issued").update();
        direct("delete from fund_call").update();
        direct("delete from threshold_reached").update();
        direct("delete from convention_schedule").update();
        direct("delete from ledger_movement").update();
        direct("delete from payment_view").update();
        direct("delete from commitment_view").update();
        direct("delete from convention_view").update();
    }

    /**
     * Prepares the insert of one movement; the caller sets the amounts it moves (the others stay at
     * zero) and the convention's last sequence follows. Both are held for the batch's commit.
     */
    private Movement movement(EventMessage<?> message, long sequence, String conventionId,
                              LocalDate businessDate, EjNumber ejNumber) {
        writes.latest("update convention_view set last_sequence = :sequence where convention_id = :id", conventionId,
                new MapSqlParameterSource().addValue("sequence", sequence).addValue("id", conventionId));
        return new Movement(new MapSqlParameterSource()
                .addValue("eventId", message.getIdentifier())
                .addValue("id", conventionId)
                .addValue("sequence", sequence)
                .addValue("businessDate", businessDate)
                .addValue("kind", message.getPayloadType().getSimpleName())
                .addValue("ej", ejNumber == null ? null : ejNumber.toString())
                .addValue("received", BigDecimal.ZERO)
                .addValue("aeOpened", BigDecimal.ZERO)
                .addValue("cpOpened", BigDecimal.ZERO)
                .addValue("aeCommitted", BigDecimal.ZERO)
                .addValue("aeReleased", BigDecimal.ZERO)
                .addValue("cpPaid", BigDecimal.ZERO)
                .addValue("restituted", BigDecimal.ZERO)
                .addValue("overpaid", BigDecimal.ZERO));
    }

    /** One movement's row, its amounts set by the event, held for the batch's commit by {@link #update()}. */
    private final class Movement {
        private final MapSqlParameterSource parameters;

        Movement(MapSqlParameterSource parameters) {
            this.parameters = parameters;
        }

        Movement param(String name, BigDecimal amount) {
            parameters.addValue(name, amount);
            return this;
        }

        void update() {
            writes.insert("""
                    insert into ledger_movement (event_id, convention_id, sequence_number, business_date, kind,
                        ej_number, received, ae_opened, cp_opened, ae_committed, ae_released, cp_paid, restituted,
                        overpaid)
                    values (:eventId, :id, :sequence, :businessDate, :kind, :ej, :received, :aeOpened, :cpOpened,
                        :aeCommitted, :aeReleased, :cpPaid, :restituted, :overpaid)""", parameters);
        }
    }

    static Montant montant(BigDecimal value) {
        return Montant.of(value == null ? BigDecimal.ZERO : value);
    }
}
