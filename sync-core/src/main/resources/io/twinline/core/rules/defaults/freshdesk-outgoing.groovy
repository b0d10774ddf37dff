// Default outgoing rules (Freshdesk side): what leaves this side about a ticket.
// Only what is put on the replica is sent. Edit freely: this is plain Groovy.
// Descriptions and comments travel as HTML (what Freshdesk stores, and the form other sync tools' scripts expect).

replica.key         = issue.key
replica.id          = issue.id
replica.summary     = issue.summary
replica.description = nodeHelper.getHtmlField(issue, "description")   // sanitised: no scripts, handlers, frames
replica.status      = issue.status
replica.priority    = issue.priority
replica.type        = issue.type
replica.labels      = issue.labels
replica.reporter    = issue.reporter
replica.assignee    = issue.assignee
// Internal comments (private notes, restricted comments) stay on this side.
replica.comments    = commentHelper.filterLocal(issue.comments).collect { c ->
    def sent = c.copy()
    sent.body = nodeHelper.getHtmlField(c, "body")
    sent
}
replica.attachments = issue.attachments
