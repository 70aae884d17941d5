package dev.latchkey.auth.spring.web;

import dev.latchkey.auth.VerifiedAccessToken;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application with Latchkey's web API turned on, and one endpoint of its own behind Spring Security. */
@SpringBootApplication
@RestController
public class WebApiApp {
    @GetMapping("/me")
    String me(@AuthenticationPrincipal VerifiedAccessToken token) {
        return token.userId();
    }
}
