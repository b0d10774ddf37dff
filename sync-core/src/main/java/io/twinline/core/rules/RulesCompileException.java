package io.twinline.core.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Rules that do not compile (or use something the sandbox refuses at compile time): each problem with line and column. */
public class RulesCompileException extends RuntimeException {

    /** One compile problem; line and column are 1-based, 0 when unknown. */
    public record Problem(int line, int column, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + (column > 0 ? ", column " + column : "") + ": " : "") + message;
        }
    }

    private final Direction direction;
    private final List<Problem> problems;

    public RulesCompileException(Direction direction, List<Problem> problems) {
        super(direction.label() + " rules do not compile: "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.direction = direction;
        this.problems = List.copyOf(problems);
    }

    public Direction direction() {
        return direction;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The first problem's line (0 when unknown). */
    public int line() {
        return problems.isEmpty() ? 0 : problems.get(0).line();
    }

    public int column() {
        return problems.isEmpty() ? 0 : problems.get(0).column();
    }
}
