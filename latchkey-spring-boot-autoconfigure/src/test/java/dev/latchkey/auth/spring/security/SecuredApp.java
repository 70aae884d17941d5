package dev.latchkey.auth.spring.security;

import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.spring.LatchkeyConfigCustomizer;
import dev.latchkey.auth.testkit.TestClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.stream.Collectors;

/** A Spring Boot application protected by Latchkey tokens, with no security configuration of its own. */
@SpringBootApplication
@EnableMethodSecurity
@RestController
public class SecuredApp {
    @Bean
    TestClock testClock() {
        return new TestClock(Instant.now());
    }

    @Bean
    LatchkeyConfigCustomizer movableClock(TestClock clock) {
        return config -> config.clock(clock);
    }

    @GetMapping("/me")
    String me(@AuthenticationPrincipal VerifiedAccessToken token) {
        return token.userId();
    }

    @GetMapping("/authorities")
    String authorities(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted()
                .collect(Collectors.joining(" "));
    }

    @GetMapping("/admin")
    @PreAuthorize("hasRole('admin')")
    String admin() {
        return "admin area";
    }
}
