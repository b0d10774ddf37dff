package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Requests;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.jira.JiraModel.Attachment;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.List;

/** Attachments: upload (XSRF header, size limit), metadata, delete, and the content download. */
final class AttachmentRoutes {

    private final JiraStore store;
    private final JiraJson json;

    AttachmentRoutes(JiraStore store, JiraJson json) {
        this.store = store;
        this.json = json;
    }

    void add(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        String token = ctx.request().getHeader("X-Atlassian-Token");
        if (token == null || !(token.equalsIgnoreCase("no-check") || token.equalsIgnoreCase("nocheck"))) {
            throw new ApiError(403, null, "XSRF check failed");
        }
        if (!Requests.isMultipart(ctx)) {
            throw new ApiError(415, null, "Unsupported Media Type: use multipart/form-data");
        }
        List<FileUpload> files = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
        if (files.isEmpty()) {
            throw new ApiError(400, null, "No file was found in the 'file' part of the request.");
        }
        for (FileUpload f : files) {
            if (f.size() > store.uploadLimit) {
                throw new ApiError(413, null, "The file '" + f.fileName() + "' is too large: it exceeds the maximum attachment size of "
                        + store.uploadLimit + " bytes.");
            }
        }
        ArrayNode out = Json.array();
        for (FileUpload f : files) {
            Attachment a = store.newAttachment();
            a.issueId = i.id;
            a.filename = f.fileName();
            a.author = ctx.get("user");
            a.mimeType = Requests.contentType(f);
            try {
                a.bytes = Requests.bytes(f);
            } catch (IOException e) {
                throw new ApiError(500, null, "Could not store the attachment");
            }
            a.created = store.now();
            store.attachments.put(a.id, a);
            out.add(json.attachment(a));
        }
        i.updated = store.now();
        Json.send(ctx, 200, out);
    }

    void get(RoutingContext ctx) {
        Json.send(ctx, 200, json.attachment(attachment(ctx)));
    }

    void delete(RoutingContext ctx) {
        Attachment a = attachment(ctx);
        store.attachments.remove(a.id);
        Issue i = store.issues.get(a.issueId);
        if (i != null) {
            i.updated = store.now();
        }
        ctx.response().setStatusCode(204).end();
    }

    void meta(RoutingContext ctx) {
        ObjectNode o = Json.object();
        o.put("enabled", true).put("uploadLimit", store.uploadLimit);
        Json.send(ctx, 200, o);
    }

    /** {@code /secure/attachment/{id}/{name}}, with the API's credentials. */
    void download(RoutingContext ctx) {
        Attachment a = attachment(ctx);
        Requests.sendFile(ctx, a.mimeType, a.filename, a.bytes);
    }

    private Attachment attachment(RoutingContext ctx) {
        Attachment a = store.attachments.get(ctx.pathParam("id"));
        if (a == null) {
            throw new ApiError(404, null, "The attachment with id '" + ctx.pathParam("id") + "' does not exist");
        }
        return a;
    }
}
