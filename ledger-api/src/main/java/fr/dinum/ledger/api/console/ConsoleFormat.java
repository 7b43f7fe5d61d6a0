package fr.dinum.ledger.api.console;

import fr.dinum.ledger.domain.convention.ConventionStatus;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.reports.render.FrenchFormat;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What the pages show, in French: amounts and dates through the reports' {@link FrenchFormat}
 * (so a page and a downloaded ERDA write the same figure the same way), instants in the ledger's
 * time zone, and the labels of statuses, events and enumerations. Templates call it as {@code @fr}.
 */
@Component("fr")
public class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("ACTIVE", "En cours"), Map.entry("TERMINATED", "Résiliée"), Map.entry("CLOSED", "Clôturée"),
            Map.entry("SETTLED", "Soldée"),
            Map.entry("ADVANCE", "Avance"), Map.entry("REIMBURSEMENT", "Remboursement"),
            Map.entry("COMMITMENTS", "Les engagements"),
            Map.entry("COMMITMENTS_AND_PAYMENTS", "Les engagements, services faits et paiements"),
            Map.entry("ON_SIGNATURE", "À la signature"), Map.entry("ON_CONSUMPTION", "Sur consommation"),
            Map.entry("ON_CLOSING", "À la clôture"), Map.entry("AE", "AE nettes"), Map.entry("CP", "CP payés"),
            Map.entry("COLLECTIVITE", "Collectivité"), Map.entry("ETABLISSEMENT_PUBLIC", "Établissement public"),
            Map.entry("ETAT", "État"), Map.entry("ENTREPRISE", "Entreprise"), Map.entry("ASSOCIATION", "Association"),
            Map.entry("AUTRE", "Autre"), Map.entry("ORDONNATEUR", "Ordonnateur"),
            Map.entry("COMPTABLE", "Comptable assignataire"),
            Map.entry("ConventionSigned", "Convention signée"), Map.entry("PaymentReceived", "Versement reçu"),
            Map.entry("CreditsOpened", "Crédits ouverts"), Map.entry("AeCommitted", "Engagement juridique (AE)"),
            Map.entry("AeReleased", "Désengagement (AE)"), Map.entry("CpPaid", "Paiement (CP)"),
            Map.entry("ConventionClosed", "Convention clôturée"), Map.entry("FundsRestituted", "Reversement au contributeur"),
            Map.entry("ConventionSettled", "Convention soldée"), Map.entry("TrancheThresholdReached", "Seuil de tranche atteint"),
            Map.entry("FundsCalled", "Appel de fonds"), Map.entry("ConventionAmended", "Avenant"),
            Map.entry("ConventionTerminated", "Résiliation"), Map.entry("ErdaIssued", "ERDA émis"),
            Map.entry("ErdaSigned", "ERDA signé"));

    private final Clock clock;

    ConsoleFormat(Clock clock) {
        this.clock = clock;
    }

    /** {@code 1 600 000,00 €}; the empty string for none. */
    public String amount(Montant amount) {
        return FrenchFormat.amount(amount);
    }

    /** {@code 31/12/2020}; the empty string for none. */
    public String date(LocalDate date) {
        return FrenchFormat.date(date);
    }

    /** When a fact was recorded, in the ledger's time zone: {@code 31/12/2020 à 14:05:09}. */
    public String instant(Instant instant) {
        if (instant == null) {
            return "";
        }
        var local = instant.atZone(clock.getZone());
        return FrenchFormat.date(local.toLocalDate()) + " à " + TIME.format(local);
    }

    /** The French label of a status, an enumeration value or an event type; the name itself if unknown. */
    public String label(Object value) {
        return labelOf(value);
    }

    static String labelOf(Object value) {
        if (value == null) {
            return "";
        }
        String name = value instanceof Enum<?> e ? e.name() : value.toString();
        return LABELS.getOrDefault(name, name);
    }

    /** The DSFR badge of a status: green while active, grey once settled. */
    public String badge(ConventionStatus status) {
        if (status == null) {
            return "fr-badge";
        }
        return switch (status) {
            case ACTIVE -> "fr-badge fr-badge--success fr-badge--no-icon";
            case TERMINATED -> "fr-badge fr-badge--warning fr-badge--no-icon";
            case CLOSED -> "fr-badge fr-badge--info fr-badge--no-icon";
            case SETTLED -> "fr-badge fr-badge--no-icon";
        };
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
