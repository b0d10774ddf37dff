package io.twinline.core.tracker.catalogue;

import io.twinline.core.tracker.TrackerCatalogue;

import java.util.Locale;

/**
 * Offline catalogues with each tracker's out-of-the-box values, for test runs and tests. A connected agent uses its
 * connector's catalogue instead, which reads the instance's real (possibly customised) values.
 */
public final class DefaultCatalogues {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final TrackerCatalogue FRESHDESK = StaticCatalogue.builder("freshdesk")
            // Freshdesk status codes 2..5, and the two custom statuses most accounts have (≥ 6)
            .status("2", "Open").status("3", "Pending").status("4", "Resolved").status("5", "Closed")
            .status("6", "Waiting on Customer").status("7", "Waiting on Third Party")
            .priority("1", "Low").priority("2", "Medium").priority("3", "High").priority("4", "Urgent")
            .issueType("Question", "Question").issueType("Incident", "Incident").issueType("Problem", "Problem")
            .issueType("Feature Request", "Feature Request").issueType("Refund", "Refund")
            .build();

    private static final TrackerCatalogue JIRA = StaticCatalogue.builder("jira")
            // Jira DC's default workflow and scheme values with their usual ids
            .status("1", "Open").status("3", "In Progress").status("4", "Reopened").status("5", "Resolved")
            .status("6", "Closed").status("10000", "To Do").status("10001", "Done")
            .priority("1", "Highest").priority("2", "High").priority("3", "Medium").priority("4", "Low")
            .priority("5", "Lowest")
            .issueType("1", "Bug").issueType("2", "New Feature").issueType("3", "Task").issueType("4", "Improvement")
            .issueType("5", "Sub-task").issueType("10000", "Epic").issueType("10001", "Story")
            .labelForm(text -> WHITESPACE.matcher(text).replaceAll("_")) // Jira labels cannot contain spaces
            .build();

    private DefaultCatalogues() {
    }

    public static TrackerCatalogue freshdesk() {
        return FRESHDESK;
    }

    public static TrackerCatalogue jira() {
        return JIRA;
    }

    /** {@code freshdesk} or {@code jira}. */
    public static TrackerCatalogue forTracker(String trackerType) {
        return switch (trackerType.toLowerCase(Locale.ROOT)) {
            case "freshdesk" -> FRESHDESK;
            case "jira" -> JIRA;
            default -> throw new IllegalArgumentException("unknown tracker '" + trackerType + "' (freshdesk or jira)");
        };
    }
}
