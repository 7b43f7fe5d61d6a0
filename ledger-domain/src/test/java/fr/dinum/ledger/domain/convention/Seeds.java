package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionCommand.SignConvention;
import fr.dinum.ledger.domain.convention.Terms.CoFinancing;
import fr.dinum.ledger.domain.convention.Terms.Contributor;
import fr.dinum.ledger.domain.convention.Terms.Fund;
import fr.dinum.ledger.domain.convention.Terms.RestitutionAccount;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.values.Bic;
import fr.dinum.ledger.domain.values.Iban;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.domain.values.Siren;

import java.time.LocalDate;
import java.util.List;

/**
 * The five seed conventions of the product's source documents, as commands. The Cerema's and the
 * ANCT's periods cover services and payments as well as commitments.
 */
final class Seeds {

    static final Fund FUND = new Fund("1-2-00548", "352", "0352-CFSE");

    private Seeds() {
    }

    static Montant eur(String amount) {
        return Montant.of(amount);
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static Tranche onSignature(int number, String amount) {
        return new Tranche(number, eur(amount), TrancheTrigger.ON_SIGNATURE, null, null);
    }

    static SignConvention pau() {
        return new SignConvention("PAU-2020-POUBELLES-BATTLE", "Poubelles Battle",
                new Contributor("Agglomération Pau Béarn Pyrénées", ContributorKind.COLLECTIVITE, null,
                        new RestitutionAccount("Agglomération Pau Béarn Pyrénées",
                                Iban.of("FR573000100622C641000000087"), Bic.of("BDFEFRPPCCT"))),
                "DINUM", FUND, eur("35000.00"), FundingMode.ADVANCE, List.of(onSignature(1, "35000.00")),
                List.of(new CoFinancing("DINUM (FAST)", eur("35000.00"))), date("2020-02-20"), null, null);
    }

    static SignConvention oise() {
        return new SignConvention("OISE-2021-ANTI-GASPI", "Anti-gaspi",
                new Contributor("Département de l'Oise", ContributorKind.COLLECTIVITE, null,
                        new RestitutionAccount("Paierie départementale de l'Oise",
                                Iban.of("FR853000100185C601000000048"), Bic.of("BDFEFRPPCCT"))),
                "ANCT", null, eur("20000.00"), FundingMode.ADVANCE, List.of(onSignature(1, "20000.00")),
                List.of(), date("2021-01-15"), null, null);
    }

    static SignConvention cerema() {
        return new SignConvention("CEREMA-2020-FRICHES", "Revitalisation des friches",
                new Contributor("Cerema", ContributorKind.ETABLISSEMENT_PUBLIC, null,
                        new RestitutionAccount("Cerema", Iban.of("FR7610071690000000100488750"), Bic.of("TRPUFRP1"))),
                "DINUM", FUND, eur("200000.00"), FundingMode.ADVANCE, List.of(onSignature(1, "200000.00")),
                List.of(), date("2020-09-03"), null, date("2021-05-31"), PeriodCovers.COMMITMENTS_AND_PAYMENTS);
    }

    static SignConvention anct() {
        return new SignConvention("ANCT-2020-INCUBATEUR", "Incubateur des territoires",
                new Contributor("Agence nationale de la cohésion des territoires", ContributorKind.ETABLISSEMENT_PUBLIC,
                        Siren.of("130026032"),
                        new RestitutionAccount("Agence nationale de la cohésion des territoires",
                                Iban.of("FR7610071590000000102014889"), Bic.of("TRPUFRP1"))),
                "DINUM", FUND, eur("1600000.00"), FundingMode.ADVANCE,
                List.of(onSignature(1, "800000.00"),
                        new Tranche(2, eur("400000.00"), TrancheTrigger.ON_CONSUMPTION, eur("600000.00"), ConsumptionBasis.CP),
                        new Tranche(3, eur("400000.00"), TrancheTrigger.ON_CONSUMPTION, eur("1000000.00"), ConsumptionBasis.CP)),
                List.of(), date("2020-05-11"), null, date("2021-05-11"), PeriodCovers.COMMITMENTS_AND_PAYMENTS);
    }

    static SignConvention pasDeCalais() {
        return new SignConvention("PDC-2020-PREINCUBATION", "Pré-incubation des Départements",
                new Contributor("Département du Pas-de-Calais", ContributorKind.COLLECTIVITE, Siren.of("226200012"), null),
                "DINUM", FUND, eur("9000.00"), FundingMode.REIMBURSEMENT,
                List.of(new Tranche(1, eur("9000.00"), TrancheTrigger.ON_CLOSING, null, null)),
                List.of(), date("2020-06-23"), null, date("2020-12-23"));
    }
}
