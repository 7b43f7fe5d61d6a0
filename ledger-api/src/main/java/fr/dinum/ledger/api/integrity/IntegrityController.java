package fr.dinum.ledger.api.integrity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The chain verified on demand, for the ADMIN role (every {@code /api/admin/**} path needs it). */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Administration")
class IntegrityController {

    private final IntegrityVerifier verifier;

    IntegrityController(IntegrityVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/integrity")
    @Operation(summary = "Verify the SHA-256 chain of every stored event now; names each break (reads only)")
    IntegrityReport integrity() {
        return verifier.verify();
    }
}
