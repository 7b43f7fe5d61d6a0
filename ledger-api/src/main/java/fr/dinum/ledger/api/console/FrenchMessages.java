package fr.dinum.ledger.api.console;

import fr.dinum.ledger.domain.convention.Rule;

import java.util.EnumMap;
import java.util.Map;

/**
 * The French wording of each rule of the domain and of each check of the API's field validation,
 * as the console shows them next to a field. The codes stay those of
 * docs/reference/rejection-codes.md; {@code FrenchMessagesTest} checks that every rule has its
 * sentence, so a new rule cannot reach the console untranslated.
 */
final class FrenchMessages {

    private static final Map<Rule, String> RULES = new EnumMap<>(Rule.class);
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("FIELD_REQUIRED", "Ce champ est obligatoire."),
            Map.entry("TEXT_TOO_LONG", "Ce texte dépasse 1 000 caractères."),
            Map.entry("IDENTIFIER_INVALID", "Un identifiant compte de 1 à 100 lettres, chiffres, « . », « _ » ou « - »."),
            Map.entry("AMOUNT_NOT_A_NUMBER", "Montant attendu, par exemple 1 600 000,00."),
            Map.entry("AMOUNT_TOO_MANY_DECIMALS", "Un montant a au plus deux décimales."),
            Map.entry("AMOUNT_OUT_OF_RANGE", "Ce montant dépasse 999 999 999 999,99 €."),
            Map.entry("AMOUNT_NOT_POSITIVE", "Le montant doit être supérieur à zéro."),
            Map.entry("AMOUNT_NEGATIVE", "Le montant ne peut pas être négatif."),
            Map.entry("DATE_INVALID", "Date attendue au format JJ/MM/AAAA, par exemple 31/12/2020."),
            Map.entry("VALUE_NOT_ALLOWED", "Choisissez une valeur de la liste."),
            Map.entry("TRANCHE_NUMBER_INVALID", "Le numéro de tranche est 1 ou plus."),
            Map.entry("INTEGER_INVALID", "Nombre entier attendu."),
            Map.entry("EJ_NUMBER_INVALID", "Un numéro d'EJ compte 10 chiffres."),
            Map.entry("DP_NUMBER_INVALID", "Un numéro de demande de paiement compte 9 ou 10 chiffres."),
            Map.entry("SIREN_FORMAT_INVALID", "Un SIREN compte 9 chiffres."),
            Map.entry("SIREN_CHECKSUM_INVALID", "Ce SIREN n'a pas une clé de contrôle valide."),
            Map.entry("SIRET_FORMAT_INVALID", "Un SIRET compte 14 chiffres."),
            Map.entry("SIRET_CHECKSUM_INVALID", "Ce SIRET n'a pas une clé de contrôle valide."),
            Map.entry("IBAN_FORMAT_INVALID", "Cet IBAN n'a pas la forme d'un IBAN."),
            Map.entry("IBAN_LENGTH_INVALID", "Cet IBAN n'a pas la longueur d'un IBAN de son pays."),
            Map.entry("IBAN_CHECKSUM_INVALID", "Cet IBAN n'a pas une clé de contrôle valide."),
            Map.entry("RIB_KEY_INVALID", "La clé RIB de cet IBAN n'est pas valide."),
            Map.entry("BIC_FORMAT_INVALID", "Un BIC compte 8 ou 11 caractères."),
            Map.entry("IDENTIFIER_CONFLICT", "Cet identifiant est déjà enregistré avec d'autres valeurs : "
                    + "choisissez-en un autre, ou reprenez les valeurs enregistrées."),
            Map.entry("ROLE_MISMATCH", "Vous ne pouvez signer que pour votre propre rôle."),
            Map.entry("CONCURRENT_MODIFICATION", "La convention a été modifiée au même moment par une autre saisie : "
                    + "envoyez le formulaire à nouveau."));

    static {
        put(Rule.TRANCHES_NOT_EQUAL_TO_AMOUNT, "La somme des tranches doit être égale au montant de la convention.");
        put(Rule.TRANCHE_NUMBERS_NOT_SEQUENTIAL, "Les tranches sont numérotées 1, 2… n, chacune une fois.");
        put(Rule.TRANCHE_THRESHOLD_INVALID, "Une tranche sur consommation a un seuil positif ; les autres tranches n'en ont pas.");
        put(Rule.REIMBURSEMENT_TRANCHES_INVALID, "Une convention en remboursement est payée en une fois, à la clôture : ses tranches sont « à la clôture ».");
        put(Rule.ADVANCE_TRANCHES_INVALID, "Une convention en avance ne dépense que ce qu'elle a reçu : elle n'a pas de tranche « à la clôture ».");
        put(Rule.PERIOD_INVALID, "Les dates doivent se suivre : signature ≤ prise d'effet ≤ fin, et aucun EJ après la fin.");
        put(Rule.AMOUNT_NOT_POSITIVE, "Le montant doit être supérieur à zéro.");
        put(Rule.BUSINESS_DATE_IN_FUTURE, "Cette date est postérieure à aujourd'hui.");
        put(Rule.BUSINESS_DATE_BEFORE_SIGNATURE, "Cette date est antérieure à la signature de la convention.");
        put(Rule.CONVENTION_CLOSED, "La convention est clôturée : seuls les reversements, ouvertures de crédits, la tranche de clôture et les ERDA sont encore enregistrés.");
        put(Rule.RECEIPTS_EXCEED_AMOUNT, "Les versements reçus dépasseraient le montant de la convention.");
        put(Rule.UNKNOWN_TRANCHE, "Cette tranche n'existe pas dans l'échéancier.");
        put(Rule.TRANCHE_NOT_PAYABLE, "Cette tranche n'est pas encore exigible : elle doit être appelée, et le versement daté au plus tôt de l'appel.");
        put(Rule.RECEIPT_EXCEEDS_TRANCHE, "Ce versement dépasse ce qui reste dû sur la tranche.");
        put(Rule.NO_PAYABLE_TRANCHE, "Aucune tranche exigible n'attend de versement : indiquez la tranche.");
        put(Rule.CREDITS_WITHOUT_FUND, "Des crédits ne s'ouvrent que pour une convention imputée sur un fonds de concours.");
        put(Rule.AE_OPENED_EXCEEDS_RECEIVED, "Les AE ouvertes dépasseraient les sommes reçues.");
        put(Rule.CP_OPENED_EXCEEDS_RECEIVED, "Les CP ouverts dépasseraient les sommes reçues.");
        put(Rule.COMMITMENT_OUTSIDE_PERIOD, "L'engagement doit être daté dans la période de la convention.");
        put(Rule.PAYMENT_OUTSIDE_PERIOD,
                "Le service fait et le paiement doivent être datés dans la période de la convention, qui couvre les paiements.");
        put(Rule.AE_EXCEEDS_AVAILABLE, "Les AE engagées dépasseraient les AE disponibles.");
        put(Rule.UNKNOWN_COMMITMENT, "Cet EJ n'est pas un engagement de la convention.");
        put(Rule.CP_EXCEEDS_COMMITMENT, "Le paiement dépasse le reste à payer de l'EJ.");
        put(Rule.CP_EXCEEDS_AVAILABLE, "Les CP payés dépasseraient les CP disponibles.");
        put(Rule.PAYMENT_DATES_OUT_OF_ORDER, "Les dates doivent se suivre : engagement ≤ service fait ≤ paiement.");
        put(Rule.RELEASE_EXCEEDS_UNPAID, "Le désengagement dépasse la part non payée de l'EJ.");
        put(Rule.RELEASE_BEFORE_COMMITMENT, "Le désengagement est antérieur à l'engagement.");
        put(Rule.TRANCHE_NOT_CALLABLE, "Cette tranche ne s'appelle pas : seules les tranches sur consommation (seuil atteint) et de clôture (après clôture) le sont.");
        put(Rule.TRANCHE_THRESHOLD_NOT_REACHED, "Le seuil de cette tranche n'est pas atteint à cette date.");
        put(Rule.TRANCHE_ALREADY_CALLED, "Cette tranche a déjà été appelée.");
        put(Rule.NOTHING_TO_CALL, "Il n'y a rien à appeler sur cette tranche.");
        put(Rule.AMENDMENT_EMPTY, "Un avenant change le montant, la date de fin ou les tranches.");
        put(Rule.AMENDMENT_OUT_OF_ORDER, "Un avenant est daté au plus tôt du précédent.");
        put(Rule.AMENDMENT_BELOW_RECEIVED, "Le nouveau montant serait inférieur aux sommes reçues.");
        put(Rule.AMENDMENT_BELOW_COMMITTED, "Le nouveau montant serait inférieur aux AE engagées.");
        put(Rule.AMENDMENT_TRANCHE_BELOW_RECEIVED, "Une tranche serait inférieure à ce qui a été reçu sur elle.");
        put(Rule.AMENDMENT_CHANGES_CALLED_TRANCHE, "Une tranche déjà appelée ne change plus.");
        put(Rule.COMMITMENT_AFTER_TERMINATION, "La convention est résiliée : aucun nouvel engagement.");
        put(Rule.TERMINATION_BEFORE_LAST_COMMITMENT, "La résiliation est antérieure au dernier engagement.");
        put(Rule.CLOSURE_WITH_RESTES_A_PAYER, "Des restes à payer demeurent : chaque EJ doit être payé ou désengagé avant la clôture.");
        put(Rule.CLOSURE_BEFORE_LAST_FACT, "La clôture est antérieure au dernier fait enregistré.");
        put(Rule.RESTITUTION_BEFORE_CLOSURE, "Un reversement suit la clôture ou la résiliation, et est daté au plus tôt de celle-ci.");
        put(Rule.RESTITUTION_EXCEEDS_DUE, "Le reversement dépasse la somme due au contributeur.");
        put(Rule.RESTITUTION_ACCOUNT_MISSING, "Le contributeur n'a pas de compte de reversement validé.");
        put(Rule.ERDA_FINAL_BEFORE_CLOSURE, "L'ERDA final s'émet une fois la convention clôturée, à une date postérieure à la clôture.");
        put(Rule.UNKNOWN_ERDA, "Cet ERDA n'a pas été émis pour la convention.");
        put(Rule.ERDA_ALREADY_SIGNED, "Ce rôle a déjà signé cet ERDA.");
        put(Rule.ERDA_SIGNED_BEFORE_ISSUE, "La signature est antérieure à l'émission de l'ERDA.");
        put(Rule.ERDA_ISSUED_BEFORE_AS_OF, "Un ERDA ne peut pas être émis avant la date à laquelle il arrête les dépenses.");
        put(Rule.RESTITUTION_EXCEEDS_CREDITS,
                "Le reversement dépasse les AE ou les CP encore ouverts à annuler : ouvrez d'abord les crédits manquants.");
    }

    private FrenchMessages() {
    }

    private static void put(Rule rule, String message) {
        RULES.put(rule, message);
    }

    static boolean translated(Rule rule) {
        return RULES.containsKey(rule);
    }

    static String rule(Rule rule) {
        return RULES.getOrDefault(rule, rule.formula());
    }

    /** The French sentence of a field check, or the API's own message when the code is not known here. */
    static String field(String code, String fallback) {
        return FIELDS.getOrDefault(code, fallback);
    }
}
