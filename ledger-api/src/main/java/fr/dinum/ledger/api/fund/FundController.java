package fr.dinum.ledger.api.fund;

import fr.dinum.ledger.api.web.NotFound;
import fr.dinum.ledger.projections.funds.FundQueries;
import fr.dinum.ledger.projections.funds.FundQueries.FundView;
import fr.dinum.ledger.projections.funds.FundQueries.ProgrammeView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** Totals of a fonds de concours and of a programme, by convention and by exercice. */
@RestController
@Tag(name = "Funds", description = "Fund and programme totals")
class FundController {

    private final FundQueries funds;
    private final Clock clock;

    FundController(FundQueries funds, Clock clock) {
        this.funds = funds;
        this.clock = clock;
    }

    @GetMapping("/api/funds/{fundCode}")
    @Operation(summary = "A fund's totals, by convention and by exercice, at a business date")
    FundView fund(@PathVariable String fundCode,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return funds.fund(fundCode, asOf == null ? LocalDate.now(clock) : asOf)
                .orElseThrow(() -> new NotFound("FUND_NOT_FOUND", "No convention is imputed on fund " + fundCode + "."));
    }

    @GetMapping("/api/programmes/{programme}")
    @Operation(summary = "A programme's totals over its funds, at a business date")
    ProgrammeView programme(@PathVariable String programme,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return funds.programme(programme, asOf == null ? LocalDate.now(clock) : asOf)
                .orElseThrow(() -> new NotFound("PROGRAMME_NOT_FOUND", "No convention is imputed on programme " + programme + "."));
    }
}
