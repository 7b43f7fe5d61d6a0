package fr.dinum.ledger.api.console;

import fr.dinum.ledger.api.security.Role;
import fr.dinum.ledger.domain.convention.ContributorKind;
import fr.dinum.ledger.domain.convention.ConsumptionBasis;
import fr.dinum.ledger.domain.convention.FundingMode;
import fr.dinum.ledger.domain.convention.PeriodCovers;
import fr.dinum.ledger.domain.convention.Rule;
import fr.dinum.ledger.domain.convention.TrancheTrigger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forms of the console, one per command of the API. A field's name is the JSON path of the
 * API's request body ({@code contributor.restitutionAccount.iban}, {@code tranches[0].amount}), so
 * that a form becomes the very body the API reads, and the API's field errors land on their field.
 */
final class CommandForms {

    /** A choice of a select. */
    record Option(String value, String label) {
    }

    /**
     * @param type text, amount, date, integer, select, textarea or checkbox
     * @param hint a short help under the label (DSFR's fr-hint-text), or null
     */
    record Field(String name, String label, String type, boolean required, String hint, List<Option> options) {

        public String id() {
            return "f-" + name.replaceAll("[^A-Za-z0-9]", "-");
        }
    }

    /** A group of fields; an inline one (a row of tranches) shows its fields side by side. */
    record Section(String legend, List<Field> fields, boolean inline) {

        Section(String legend, List<Field> fields) {
            this(legend, fields, false);
        }
    }

    /**
     * @param command  the API's path segment (sign, receipts, ...), or erdas / signatures
     * @param roles    the roles that may send it (any of them)
     * @param idField  the field holding the command's identifier: generated when the form opens, so
     *                 that sending the same form twice is a retry, which records nothing twice
     * @param idPrefix the prefix of that generated identifier, or null when the user types it
     * @param mainDate the business date of the command, where a refusal about dates is shown
     */
    record Form(String command, String title, String description, List<Role> roles, String idField, String idPrefix,
                String mainDate, List<Section> sections) {

        List<Field> fields() {
            return sections.stream().flatMap(s -> s.fields().stream()).toList();
        }

        boolean has(String field) {
            return fields().stream().anyMatch(f -> f.name().equals(field));
        }
    }

    /** What a form offers to choose from: the convention's EJs, tranches and issued ERDAs. */
    record Choices(List<Option> ejs, List<Option> callableTranches, List<Option> erdas, List<Option> signingRoles) {
        static final Choices NONE = new Choices(List.of(), List.of(), List.of(), List.of());
    }

    /** Where a refusal by a rule is shown: the first of these fields that the form has, else at the top. */
    private static final Map<Rule, List<String>> RULE_FIELDS = new LinkedHashMap<>();

    static {
        RULE_FIELDS.put(Rule.TRANCHES_NOT_EQUAL_TO_AMOUNT, List.of("amount"));
        RULE_FIELDS.put(Rule.PERIOD_INVALID, List.of("endsOn", "effectiveOn"));
        RULE_FIELDS.put(Rule.PAYMENT_OUTSIDE_PERIOD, List.of("paidOn", "serviceFaitOn"));
        RULE_FIELDS.put(Rule.AMOUNT_NOT_POSITIVE, List.of("amount"));
        RULE_FIELDS.put(Rule.RECEIPTS_EXCEED_AMOUNT, List.of("amount"));
        RULE_FIELDS.put(Rule.UNKNOWN_TRANCHE, List.of("trancheNumber"));
        RULE_FIELDS.put(Rule.TRANCHE_NOT_PAYABLE, List.of("trancheNumber"));
        RULE_FIELDS.put(Rule.RECEIPT_EXCEEDS_TRANCHE, List.of("amount"));
        RULE_FIELDS.put(Rule.NO_PAYABLE_TRANCHE, List.of("trancheNumber"));
        RULE_FIELDS.put(Rule.AE_OPENED_EXCEEDS_RECEIVED, List.of("ae"));
        RULE_FIELDS.put(Rule.CP_OPENED_EXCEEDS_RECEIVED, List.of("cp"));
        RULE_FIELDS.put(Rule.COMMITMENT_OUTSIDE_PERIOD, List.of("committedOn"));
        RULE_FIELDS.put(Rule.AE_EXCEEDS_AVAILABLE, List.of("amount"));
        RULE_FIELDS.put(Rule.UNKNOWN_COMMITMENT, List.of("ejNumber"));
        RULE_FIELDS.put(Rule.CP_EXCEEDS_COMMITMENT, List.of("amount"));
        RULE_FIELDS.put(Rule.CP_EXCEEDS_AVAILABLE, List.of("amount"));
        RULE_FIELDS.put(Rule.PAYMENT_DATES_OUT_OF_ORDER, List.of("serviceFaitOn"));
        RULE_FIELDS.put(Rule.RELEASE_EXCEEDS_UNPAID, List.of("amount"));
        RULE_FIELDS.put(Rule.RELEASE_BEFORE_COMMITMENT, List.of("releasedOn"));
        RULE_FIELDS.put(Rule.TRANCHE_NOT_CALLABLE, List.of("trancheNumber"));
        RULE_FIELDS.put(Rule.TRANCHE_THRESHOLD_NOT_REACHED, List.of("trancheNumber"));
        RULE_FIELDS.put(Rule.TRANCHE_ALREADY_CALLED, List.of("trancheNumber"));
        RULE_FIELDS.put(Rule.NOTHING_TO_CALL, List.of("trancheNumber"));
        RULE_FIELDS.put(Rule.AMENDMENT_OUT_OF_ORDER, List.of("signedOn"));
        RULE_FIELDS.put(Rule.AMENDMENT_BELOW_RECEIVED, List.of("amount"));
        RULE_FIELDS.put(Rule.AMENDMENT_BELOW_COMMITTED, List.of("amount"));
        RULE_FIELDS.put(Rule.TERMINATION_BEFORE_LAST_COMMITMENT, List.of("terminatedOn"));
        RULE_FIELDS.put(Rule.CLOSURE_WITH_RESTES_A_PAYER, List.of("closedOn"));
        RULE_FIELDS.put(Rule.CLOSURE_BEFORE_LAST_FACT, List.of("closedOn"));
        RULE_FIELDS.put(Rule.RESTITUTION_BEFORE_CLOSURE, List.of("restitutedOn"));
        RULE_FIELDS.put(Rule.RESTITUTION_EXCEEDS_DUE, List.of("amount"));
        RULE_FIELDS.put(Rule.RESTITUTION_EXCEEDS_CREDITS, List.of("amount"));
        RULE_FIELDS.put(Rule.ERDA_FINAL_BEFORE_CLOSURE, List.of("asOf"));
        RULE_FIELDS.put(Rule.UNKNOWN_ERDA, List.of("number"));
        RULE_FIELDS.put(Rule.ERDA_ALREADY_SIGNED, List.of("role"));
        RULE_FIELDS.put(Rule.ERDA_SIGNED_BEFORE_ISSUE, List.of("signedOn"));
    }

    /** The commands of a convention's page, in the order a finance officer meets them. */
    static final List<String> CONVENTION_COMMANDS = List.of("receipts", "credit-openings", "commitments", "payments",
            "releases", "fund-calls", "amendments", "termination", "closure", "restitutions", "erdas", "signatures");

    private CommandForms() {
    }

    static Optional<Form> form(String command, Choices choices) {
        List<Role> writer = List.of(Role.WRITER);
        Form form = switch (command) {
            case "sign" -> new Form(command, "Signer une convention",
                    "Enregistre une convention signée, ses parties, son imputation et son échéancier.", writer,
                    "conventionId", null, "signedOn", signSections());
            case "receipts" -> new Form(command, "Enregistrer un versement reçu",
                    "Une somme reçue du contributeur, sur une tranche exigible.", writer, "receiptId", "VRS", "receivedOn",
                    List.of(new Section("Versement", List.of(
                            text("receiptId", "Identifiant du versement", true, "Proposé par la console ; gardez-le si vous renvoyez le formulaire."),
                            amount("amount", "Montant reçu", true), date("receivedOn", "Reçu le", true),
                            integer("trancheNumber", "Tranche", false, "Le numéro de la tranche payée."),
                            text("reference", "Référence", false, null)))));
            case "credit-openings" -> new Form(command, "Ouvrir des crédits",
                    "AE et CP ouverts sur le programme par un arrêté de rattachement.", writer, "openingId", "ARR",
                    "openedOn", List.of(new Section("Ouverture de crédits", List.of(
                            text("openingId", "Identifiant de l'ouverture", true, "Proposé par la console."),
                            amount("ae", "AE ouvertes", true), amount("cp", "CP ouverts", true),
                            date("openedOn", "Ouverts le", true), text("arreteReference", "Arrêté", true, "Par exemple : Arrêté du 1er juillet 2020.")))));
            case "commitments" -> new Form(command, "Engager des AE",
                    "Un engagement juridique (EJ) sur la convention.", writer, "ejNumber", null, "committedOn",
                    List.of(new Section("Engagement juridique", List.of(
                            text("ejNumber", "Numéro d'EJ", true, "10 chiffres, comme dans Chorus."),
                            amount("amount", "Montant engagé", true), date("committedOn", "Engagé le", true),
                            text("supplier.name", "Fournisseur", true, null),
                            text("supplier.siret", "SIRET du fournisseur", false, "14 chiffres."),
                            text("object", "Objet", true, null), text("marche", "Marché", false, null)))));
            case "payments" -> new Form(command, "Payer des CP",
                    "Une demande de paiement sur un EJ, après service fait.", writer, "dpNumber", null, "paidOn",
                    List.of(new Section("Demande de paiement", List.of(
                            text("dpNumber", "Numéro de demande de paiement", true, "9 ou 10 chiffres."),
                            select("ejNumber", "EJ", true, choices.ejs()),
                            amount("amount", "Montant payé", true), date("serviceFaitOn", "Service fait le", true),
                            date("paidOn", "Payé le", true), text("invoiceReference", "Facture", false, null)))));
            case "releases" -> new Form(command, "Désengager des AE",
                    "Libère la part non payée d'un EJ.", writer, "releaseId", "DES", "releasedOn",
                    List.of(new Section("Désengagement", List.of(
                            select("ejNumber", "EJ", true, choices.ejs()),
                            text("releaseId", "Identifiant du désengagement", true, "Proposé par la console."),
                            amount("amount", "Montant désengagé", true), date("releasedOn", "Désengagé le", true),
                            text("reason", "Motif", true, null)))));
            case "fund-calls" -> new Form(command, "Appeler une tranche",
                    "Un appel de fonds sur une tranche dont le seuil est atteint, ou sur la tranche de clôture.", writer,
                    "callId", "AF", "calledOn", List.of(new Section("Appel de fonds", List.of(
                            text("callId", "Identifiant de l'appel", true, "Proposé par la console."),
                            integerSelect("trancheNumber", "Tranche appelée", choices.callableTranches()),
                            date("calledOn", "Appelée le", true)))));
            case "amendments" -> new Form(command, "Enregistrer un avenant",
                    "Change le montant, la date de fin ou les tranches ; laissez vide ce qui ne change pas.", writer,
                    "amendmentId", "AV", "signedOn", amendmentSections());
            case "termination" -> new Form(command, "Résilier la convention",
                    "Les paiements sur les EJ existants continuent ; aucun nouvel engagement.", writer, null, null,
                    "terminatedOn", List.of(new Section("Résiliation", List.of(
                            date("terminatedOn", "Résiliée le", true), textarea("reason", "Motif", true)))));
            case "closure" -> new Form(command, "Clôturer la convention",
                    "Arrête les chiffres définitifs, une fois tous les restes à payer soldés.", writer, null, null,
                    "closedOn", List.of(new Section("Clôture", List.of(date("closedOn", "Clôturée le", true)))));
            case "restitutions" -> new Form(command, "Reverser au contributeur",
                    "Rend au contributeur l'argent non employé, sur son compte de reversement.", writer,
                    "restitutionId", "REV", "restitutedOn", List.of(new Section("Reversement", List.of(
                            text("restitutionId", "Identifiant du reversement", true, "Proposé par la console."),
                            amount("amount", "Montant reversé", true), date("restitutedOn", "Reversé le", true),
                            text("reference", "Référence", false, null)))));
            case "erdas" -> new Form(command, "Émettre un ERDA",
                    "Fige l'état récapitulatif des dépenses acceptées d'une date, sous le numéro suivant, avec son SHA-256.",
                    writer, null, null, "asOf", List.of(new Section("ERDA", List.of(
                            date("asOf", "Arrêté au", true),
                            new Field("final", "ERDA final (après la clôture)", "checkbox", false, null, List.of())))));
            case "signatures" -> new Form(command, "Signer un ERDA",
                    "L'ordonnateur et le comptable assignataire signent chacun pour leur rôle.",
                    List.of(Role.ORDONNATEUR, Role.COMPTABLE), null, null, "signedOn", List.of(new Section("Signature",
                    List.of(integerSelect("number", "ERDA", choices.erdas()),
                            select("role", "Signé en tant que", true, choices.signingRoles()),
                            text("signer", "Signataire", true, "Nom et qualité."), date("signedOn", "Signé le", true)))));
            default -> null;
        };
        return Optional.ofNullable(form);
    }

    private static List<Section> signSections() {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Convention", List.of(
                text("conventionId", "Identifiant de la convention", true, "Lettres, chiffres, « . », « _ » ou « - » ; par exemple ANCT-2020-INCUBATEUR."),
                text("title", "Intitulé", true, null), text("beneficiary", "Bénéficiaire", true, "Par exemple : DINUM."),
                amount("amount", "Montant de la convention", true),
                select("fundingMode", "Mode de financement", true, options(FundingMode.values())),
                date("signedOn", "Signée le", true), date("effectiveOn", "Prend effet le", false),
                date("endsOn", "Prend fin le", false),
                select("periodCovers", "La période couvre", false, options(PeriodCovers.values())))));
        sections.add(new Section("Contributeur (partie versante)", List.of(
                text("contributor.name", "Nom", true, null),
                select("contributor.kind", "Nature", true, options(ContributorKind.values())),
                text("contributor.siren", "SIREN", false, "9 chiffres."),
                text("contributor.restitutionAccount.holder", "Titulaire du compte de reversement", false, "Nécessaire pour reverser."),
                text("contributor.restitutionAccount.iban", "IBAN du compte de reversement", false, null),
                text("contributor.restitutionAccount.bic", "BIC du compte de reversement", false, null))));
        sections.add(new Section("Imputation (fonds de concours)", List.of(
                text("fund.fundCode", "Fonds de concours", false, "Par exemple : 1-2-00548. Vide pour une convention hors fonds."),
                text("fund.programme", "Programme", false, "Par exemple : 352."),
                text("fund.bop", "BOP", false, "Par exemple : 0352-CFSE."))));
        sections.addAll(trancheSections(4, true));
        for (int i = 0; i < 2; i++) {
            sections.add(new Section("Cofinancement " + (i + 1) + " (facultatif)", List.of(
                    text("coFinancing[" + i + "].funder", "Cofinanceur", false, null),
                    amount("coFinancing[" + i + "].amount", "Montant", false)), true));
        }
        return sections;
    }

    private static List<Section> amendmentSections() {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Avenant", List.of(
                text("amendmentId", "Identifiant de l'avenant", true, "Proposé par la console."),
                date("signedOn", "Signé le", true), textarea("summary", "Objet de l'avenant", true),
                amount("amount", "Nouveau montant", false), date("endsOn", "Nouvelle date de fin", false))));
        sections.addAll(trancheSections(4, false));
        return sections;
    }

    /** Rows of tranches: a row left blank (its number aside) is no tranche. */
    private static List<Section> trancheSections(int rows, boolean firstRequired) {
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String p = "tranches[" + i + "].";
            boolean required = firstRequired && i == 0;
            sections.add(new Section("Tranche " + (i + 1) + (required ? "" : " (si elle existe)"), List.of(
                    integer(p + "number", "N°", required, null),
                    amount(p + "amount", "Montant", required),
                    select(p + "trigger", "Exigible", required, options(TrancheTrigger.values())),
                    amount(p + "threshold", "Seuil de consommation", false),
                    select(p + "basis", "Consommation mesurée en", false, options(ConsumptionBasis.values()))), true));
        }
        return sections;
    }

    /** The field where a refusal by this rule is shown on this form, if any. */
    static Optional<String> fieldOf(Rule rule, Form form) {
        if (rule == Rule.BUSINESS_DATE_IN_FUTURE || rule == Rule.BUSINESS_DATE_BEFORE_SIGNATURE) {
            return Optional.ofNullable(form.mainDate());
        }
        return RULE_FIELDS.getOrDefault(rule, List.of()).stream().filter(form::has).findFirst();
    }

    private static Field text(String name, String label, boolean required, String hint) {
        return new Field(name, label, "text", required, hint, List.of());
    }

    private static Field textarea(String name, String label, boolean required) {
        return new Field(name, label, "textarea", required, null, List.of());
    }

    private static Field amount(String name, String label, boolean required) {
        return new Field(name, label, "amount", required, "En euros, par exemple 1 600 000,00.", List.of());
    }

    private static Field date(String name, String label, boolean required) {
        return new Field(name, label, "date", required, "Format attendu : JJ/MM/AAAA.", List.of());
    }

    private static Field integer(String name, String label, boolean required, String hint) {
        return new Field(name, label, "integer", required, hint, List.of());
    }

    private static Field select(String name, String label, boolean required, List<Option> options) {
        return new Field(name, label, "select", required, null, options);
    }

    /** A select whose value is sent as a number (a tranche, an ERDA). */
    private static Field integerSelect(String name, String label, List<Option> options) {
        return new Field(name, label, "integer-select", true, null, options);
    }

    private static List<Option> options(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> new Option(v.name(), ConsoleFormat.labelOf(v))).toList();
    }
}
