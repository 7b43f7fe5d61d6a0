package fr.dinum.ledger.domain.convention;

/**
 * A command refused by a domain rule. The API answers 422 with {@link #rule()} as the stable code.
 */
public class RuleViolation extends RuntimeException {

    private final Rule rule;

    public RuleViolation(Rule rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    static void check(boolean allowed, Rule rule, String detail) {
        if (!allowed) {
            throw new RuleViolation(rule, detail);
        }
    }
}
