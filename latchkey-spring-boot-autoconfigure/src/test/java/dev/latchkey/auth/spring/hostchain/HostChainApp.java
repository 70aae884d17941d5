package dev.latchkey.auth.spring.hostchain;

import dev.latchkey.auth.spring.security.LatchkeyJwt;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host with its own chain, written as Spring Security's documentation does: {@code o.jwt(Customizer.withDefaults())}
 * and a public route. The JwtDecoder and JwtAuthenticationConverter beans are Latchkey's.
 */
@SpringBootApplication
@RestController
public class HostChainApp {
    @Bean
    SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(r -> r.requestMatchers("/public").permitAll()
                        .requestMatchers("/admin").hasRole("admin")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()));
        return http.build();
    }

    @GetMapping("/public")
    String open() {
        return "open";
    }

    @GetMapping("/me")
    String me(@AuthenticationPrincipal Jwt jwt) {
        return jwt.getSubject() + " " + (jwt instanceof LatchkeyJwt latchkey ? latchkey.verifiedToken().amr() : "?")
                + " " + (jwt.getClaim("auth_time") != null);
    }

    @GetMapping("/admin")
    String admin() {
        return "admin area";
    }
}
