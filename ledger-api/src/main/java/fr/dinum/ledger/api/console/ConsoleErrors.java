package fr.dinum.ledger.api.console;

import fr.dinum.ledger.api.web.Forbidden;
import fr.dinum.ledger.api.web.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The console's errors as pages in French, ahead of the API's problem+json answers (which stay
 * those of the API's controllers). Every error keeps its stable code on the page.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(NotFound.class)
    String notFound(NotFound e, Model model, HttpServletResponse response) {
        return page(404, "Page introuvable", e.getMessage(), e.code(), model, response);
    }

    @ExceptionHandler(Forbidden.class)
    String forbidden(Forbidden e, Model model, HttpServletResponse response) {
        return page(403, "Accès refusé", e.getMessage(), e.code(), model, response);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badParameter(Exception e, Model model, HttpServletResponse response) {
        return page(400, "Adresse invalide", "Un paramètre de l'adresse n'a pas la forme attendue.", "PARAMETER_INVALID",
                model, response);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletResponse response) {
        LOG.error("Unexpected failure in the console", e);
        return page(500, "Erreur inattendue", "Le registre n'a pas pu répondre. Les exploitants retrouvent la cause "
                + "avec l'identifiant de corrélation " + MDC.get("correlationId") + ".", "INTERNAL_ERROR", model, response);
    }

    private static String page(int status, String title, String message, String code, Model model,
                               HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        model.addAttribute("code", code);
        return "console/error";
    }
}
