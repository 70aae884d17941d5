package dev.latchkey.auth.spring.quickstart;

import dev.latchkey.auth.VerifiedAccessToken;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

// latchkey-spring-boot-starter/README.md's quick start: the next line to the end, exactly (ReadmeQuickStartTest).
@SpringBootApplication @EnableMethodSecurity @RestController
public class QuickStartApplication {
    public static void main(String[] args) {
        SpringApplication.run(QuickStartApplication.class, args);
    }

    @GetMapping("/hello")
    String hello(@AuthenticationPrincipal VerifiedAccessToken token) {
        return "Hello, " + token.userId();
    }

    @GetMapping("/admin") @PreAuthorize("hasRole('admin')")
    String admin() {
        return "Hello, admin";
    }
}
