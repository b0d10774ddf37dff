// Default incoming rules (Jira side): apply what the Freshdesk side sent to the local issue.
// Status and priority go by name; the maps translate names Jira does not have.

def statusToLocal = ["Pending": "In Progress", "Waiting on Customer": "In Progress", "Waiting on Third Party": "In Progress"]
// How the other side shows our own statuses: when the remote status is still the one our current status maps to,
// keep ours (e.g. "To Do" and "Reopened" both show as "Open" in Freshdesk).
def statusToRemote = ["In Progress": "Pending", "To Do": "Open", "Reopened": "Open", "Done": "Closed"]
def priorityToLocal = ["Urgent": "Highest"]
def priorityToRemote = ["Highest": "Urgent", "Lowest": "Low"]

if (firstSync) {
    // A new issue needs a project and a type: set them in the connection's settings, or edit here.
    issue.projectKey = connection.settings.projectKey ?: "SUP"
    issue.type = nodeHelper.getIssueType(connection.settings.issueType ?: "Task")
}

issue.summary     = replica.summary
// Descriptions and comments arrive as HTML and are written as wiki markup (nodeHelper.stripHtml for plain text).
// A description that reads the same as ours is left as it is, so a round trip through the other side changes nothing.
if (!nodeHelper.sameHtml(nodeHelper.getHtmlField(issue, "description"), replica.description)) {
    issue.description = nodeHelper.toMarkDownFromHtml(replica.description)
}

def remoteStatus = replica.status?.name
def currentStatus = issue.status?.name
if (remoteStatus && (statusToRemote[currentStatus] ?: currentStatus) != remoteStatus) {
    def status = nodeHelper.getStatus(statusToLocal[remoteStatus] ?: remoteStatus)
    if (status.name) {
        issue.status = status
    } else {
        log.warn("no Jira status for '" + remoteStatus + "': status left as it is")
    }
}

def remotePriority = replica.priority?.name
def currentPriority = issue.priority?.name
if (remotePriority && (priorityToRemote[currentPriority] ?: currentPriority) != remotePriority) {
    def priority = nodeHelper.getPriority(priorityToLocal[remotePriority] ?: remotePriority)
    if (priority) {
        issue.priority = priority
    }
}

issue.labels      = replica.labels.collect { nodeHelper.getLabel(it.label) }.findAll { it != null }
issue.comments    = commentHelper.mergeComments(issue, replica, { c ->
    c.body = commentHelper.authorLineOf(c) + nodeHelper.toMarkDownFromHtml(c.body)
    c
})
issue.attachments = attachmentHelper.mergeAttachments(issue, replica)
