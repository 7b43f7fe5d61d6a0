package fr.dinum.ledger.api.web;

/** A convention, fund or other resource that the ledger does not know: answered 404. */
public class NotFound extends RuntimeException {

    private final String code;

    public NotFound(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
