package fr.dinum.ledger.api.console;

import fr.dinum.ledger.api.security.ConsoleOidcProperties;
import fr.dinum.ledger.api.security.SecurityProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's sign-in page: the password form of Spring Security's form login for the configured
 * users, and the button of the OIDC issuer (ProConnect) when the console is its client.
 */
@Controller
class LoginController {

    private final SecurityProperties security;
    private final ConsoleOidcProperties oidc;

    LoginController(SecurityProperties security, ConsoleOidcProperties oidc) {
        this.security = security;
        this.oidc = oidc;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        // Without configured users and with an issuer, there is no password to type (IdentitySource).
        model.addAttribute("passwords", !security.users().isEmpty() || !security.oidc().configured());
        model.addAttribute("oidc", oidc.configured());
        model.addAttribute("oidcLabel", oidc.label());
        model.addAttribute("oidcPath", "/oauth2/authorization/" + ConsoleOidcProperties.REGISTRATION);
        return "console/login";
    }
}
