package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.values.Bic;
import fr.dinum.ledger.domain.values.Iban;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.domain.values.Siren;
import fr.dinum.ledger.domain.values.Siret;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The small value types that make up a convention's terms and its facts. They are shared by
 * commands and events, so they are part of the event schema: change them only with an upcaster.
 */
public final class Terms {

    private Terms() {
    }

    /** The contributor's account that restitutions are sent to. */
    public record RestitutionAccount(String holder, Iban iban, Bic bic) {
        public RestitutionAccount {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(iban, "iban");
            Objects.requireNonNull(bic, "bic");
        }
    }

    /** The partie versante. The SIREN and the restitution account are optional in the seeds. */
    public record Contributor(String name, ContributorKind kind, Siren siren, RestitutionAccount restitutionAccount) {
        public Contributor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The imputation: fonds de concours, programme and BOP. */
    public record Fund(String fundCode, String programme, String bop) {
        public Fund {
            Objects.requireNonNull(fundCode, "fundCode");
            Objects.requireNonNull(programme, "programme");
            Objects.requireNonNull(bop, "bop");
        }
    }

    /**
     * One tranche of the payment schedule. {@code threshold} and {@code basis} only make sense for
     * {@link TrancheTrigger#ON_CONSUMPTION}; the basis defaults to CP there.
     */
    public record Tranche(int number, Montant amount, TrancheTrigger trigger, Montant threshold, ConsumptionBasis basis) {
        public Tranche {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(trigger, "trigger");
            if (trigger == TrancheTrigger.ON_CONSUMPTION && basis == null) {
                basis = ConsumptionBasis.CP;
            }
        }
    }

    /** A co-funder that pays outside the fund: shown in reports, never counted in the ledger's figures. */
    public record CoFinancing(String funder, Montant amount) {
        public CoFinancing {
            Objects.requireNonNull(funder, "funder");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** The supplier of an engagement juridique. The SIRET is optional (foreign or public suppliers). */
    public record Supplier(String name, Siret siret) {
        public Supplier {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The part of the terms an avenant may change: the amount, the end date and the tranches. The
     * aggregate and the projections both follow the schedule in force at a date.
     */
    public record Schedule(Montant amount, LocalDate endsOn, List<Tranche> tranches) {
        public Schedule {
            Objects.requireNonNull(amount, "amount");
            tranches = List.copyOf(tranches);
        }
    }
}
