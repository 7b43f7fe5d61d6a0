package fr.dinum.ledger.api.web;

/** An authenticated user whose roles do not allow what the request asks: answered 403. */
public class Forbidden extends RuntimeException {

    private final String code;

    public Forbidden(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
