package dev.latchkey.auth.sample;

import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.http.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * Every error status the sample answers itself is a problem, as in the Javalin example: Spring's error page (an
 * unknown path, a wrong method) and Tomcat's own refusals before a request reaches Spring (such as a malformed URI)
 * carry {@code application/problem+json} with the stable code of the status, never an HTML page.
 */
@Configuration(proxyBeanMethods = false)
public class SampleErrors {
    /** Spring's {@code /error} dispatch as a problem. */
    @Controller
    public static class ProblemErrorController implements ErrorController {
        private final Problems problems;

        public ProblemErrorController(LatchkeyApi api) {
            this.problems = api.problems();
        }

        @RequestMapping("${server.error.path:/error}")
        public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int code = status instanceof Integer i ? i : 500;
            write(response, code, problems);
        }
    }

    /**
     * The sample's one security chain: every request goes through, since each route checks its caller itself, as in
     * the Javalin example (the API's routes, the customers routes with their bearer token); an unknown path is then a
     * 404 problem, not a 401 from a chain that guards paths nothing serves.
     */
    @Bean
    public SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Tomcat's error report valve for refusals made before Spring sees the request. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorValve(LatchkeyApi api) {
        ProblemValve valve = new ProblemValve(api.problems());
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemValve.class.getName());
                addOnce((Host) host, valve);
            }
        });
    }

    private static void addOnce(Host host, ProblemValve valve) {
        for (var existing : host.getPipeline().getValves()) {
            if (existing instanceof ProblemValve) {
                return;
            }
        }
        host.getPipeline().addValve(valve);
    }

    static void write(HttpServletResponse response, int status, Problems problems) throws IOException {
        byte[] body = problems.bytes(status);
        response.setStatus(status);
        response.setContentType(Problems.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Writes the problem of the response's status where Tomcat would write its HTML report. */
    public static final class ProblemValve extends ErrorReportValve {
        private final Problems problems;

        /** Only for Tomcat's reflective check of the class name; the sample adds its own instance. */
        public ProblemValve() {
            this(null);
        }

        ProblemValve(Problems problems) {
            this.problems = problems;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (problems == null || status < 400 || response.getContentWritten() > 0) {
                return;
            }
            try {
                response.resetBuffer();
                write(response.getResponse(), status, problems);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response is committed: nothing more can be said
            }
        }
    }
}
