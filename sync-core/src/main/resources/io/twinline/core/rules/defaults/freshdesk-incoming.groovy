// Default incoming rules (Freshdesk side): apply what the Jira side sent to the local ticket.
// Status and priority go by name; the maps translate names Freshdesk does not have.

def statusToLocal = ["In Progress": "Pending", "To Do": "Open", "Reopened": "Open", "Done": "Closed"]
// How the other side shows our own statuses: when the remote status is still the one our current status maps to,
// keep ours (e.g. "Waiting on Customer" and "Pending" both show as "In Progress" in Jira).
def statusToRemote = ["Pending": "In Progress", "Waiting on Customer": "In Progress", "Waiting on Third Party": "In Progress"]
def priorityToLocal = ["Highest": "Urgent", "Lowest": "Low"]
def priorityToRemote = ["Urgent": "Highest"]

issue.summary     = replica.summary
// Descriptions and comments arrive as HTML: sanitised again here (never trust what arrives). A description that
// reads the same as ours is left as it is, so a round trip through the other side changes nothing.
if (!nodeHelper.sameHtml(issue.description, replica.description)) {
    issue.description = nodeHelper.sanitizeHtml(replica.description)
}

def remoteStatus = replica.status?.name
def currentStatus = issue.status?.name
if (remoteStatus && (statusToRemote[currentStatus] ?: currentStatus) != remoteStatus) {
    def status = nodeHelper.getStatus(statusToLocal[remoteStatus] ?: remoteStatus)
    if (status.name) {
        issue.status = status
    } else {
        log.warn("no Freshdesk status for '" + remoteStatus + "': status left as it is")
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
    c.body = nodeHelper.textToHtml(commentHelper.authorLineOf(c)) + nodeHelper.sanitizeHtml(c.body)
    c
})
issue.attachments = attachmentHelper.mergeAttachments(issue, replica)
