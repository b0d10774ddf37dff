// Default outgoing rules (Jira side): what leaves this side about a ticket.
// Only what is put on the replica is sent. Edit freely: this is plain Groovy.

replica.key         = issue.key
replica.id          = issue.id
replica.summary     = issue.summary
replica.description = issue.description
replica.status      = issue.status
replica.priority    = issue.priority
replica.type        = issue.type
replica.labels      = issue.labels
replica.reporter    = issue.reporter
replica.assignee    = issue.assignee
// Internal comments (private notes, restricted comments) stay on this side.
replica.comments    = commentHelper.filterLocal(issue.comments)
replica.attachments = issue.attachments
