package io.twinline.support;

import io.twinline.support.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

/** Only in the tests: endpoints that fail in each way the problem mappers translate. */
@Path("/test/problems")
public class ProblemTestResource {

    public enum Colour { RED, GREEN }

    public record Order(@NotBlank String name, @Size(max = 3) String code, int quantity, Colour colour) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Order accept(@Valid Order order) {
        return order;
    }

    @GET
    @Path("/refused/{how}")
    public String refused(@PathParam("how") String how) {
        switch (how) {
            case "invalid-field" -> throw ProblemException.invalidField("localName", "must be 2 to 32 characters");
            case "conflict" -> throw ProblemException.conflict("NAME_TAKEN", "a connection named x exists");
            case "unprocessable" -> throw new ProblemException(422, "Unprocessable Content", "RULES_FAILED", "rules failed at line 3");
            case "not-found" -> throw new NotFoundException("no such thing");
            case "bug" -> throw new IllegalStateException("secret internals: password=hunter2");
            default -> {
                return "fine";
            }
        }
    }
}
