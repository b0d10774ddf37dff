package io.twinline.connection.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.core.rules.Direction;
import io.twinline.core.rules.RulesCompileException;
import io.twinline.core.rules.RulesRunException;
import io.twinline.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * Rules that do not compile (400 {@code RULES_DO_NOT_COMPILE}) or fail when run (422 {@code RULES_FAILED}) as
 * problem+json: each error names {@code script} with its line and column, and the problem carries the
 * {@code direction} (and, for a failed run, the {@code line} and {@code kind}) as extension members.
 */
public class RulesProblemMappers {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    public Response doesNotCompile(RulesCompileException e) {
        List<Problem.FieldError> errors = e.problems().stream()
                .map(p -> new Problem.FieldError("script", p.toString(), positive(p.line()), positive(p.column())))
                .toList();
        ObjectNode body = body(new Problem("about:blank", "Bad Request", 400, e.getMessage(), "RULES_DO_NOT_COMPILE", errors),
                e.direction());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response failed(RulesRunException e) {
        Problem problem = new Problem("about:blank", "Unprocessable Content", 422, e.getMessage(), "RULES_FAILED",
                List.of(new Problem.FieldError("script", e.reason(), positive(e.line()), null)));
        ObjectNode body = body(problem, e.direction());
        if (e.line() > 0) {
            body.put("line", e.line());
        }
        body.put("kind", e.kind().name());
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static ObjectNode body(Problem problem, Direction direction) {
        ObjectNode body = JSON.valueToTree(problem);
        body.put("direction", direction.label());
        return body;
    }

    /** The engine says 0 for an unknown position; the problem leaves it out instead. */
    private static Integer positive(int n) {
        return n > 0 ? n : null;
    }
}
