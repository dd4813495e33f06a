package com.pveams.adapters.rest.legacy;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The legacy server mapped several endpoints to more than one HTTP method, and clients use them all
 * (the admin UI deletes with PUT on one page and DELETE on another). Each resource declares one canonical
 * method; this table lists which other methods reach it. OPTIONS always answers 200 with an empty body.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 400)
public class MethodLeniency implements ContainerRequestFilter {

    record Rule(Pattern path, Set<String> accepted, String canonical) {
        Rule(String regex, Set<String> accepted, String canonical) {
            this(Pattern.compile(regex), accepted, canonical);
        }
    }

    private static final Set<String> POST_PUT = Set.of("POST", "PUT");
    private static final Set<String> POST_PUT_DELETE = Set.of("POST", "PUT", "DELETE");
    private static final Set<String> ANY = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    /** Admin paths are written {@code /[^/]+/…}: the admin path is configurable. */
    static final List<Rule> RULES = List.of(
            new Rule("/[^/]+/deleteApi", Set.of("POST", "DELETE"), "DELETE"),
            new Rule("/[^/]+/(disableApi|enableApi)/[^/]+", POST_PUT, "PUT"),
            new Rule("/[^/]+/updateSysuser", POST_PUT, "POST"),
            new Rule("/[^/]+/deleteSysUserById/[^/]+", POST_PUT_DELETE, "DELETE"),
            new Rule("/[^/]+/updateVmDefaultDiskSize", POST_PUT, "POST"),
            new Rule("/[^/]+/updateConfig", POST_PUT, "POST"),
            // flavours, CPU/SMBIOS models, model groups
            new Rule("/[^/]+/(updateConfiguretemplate|updateCpuInfo|updateSmbiosInfo|updateModelGroup)", POST_PUT, "PUT"),
            new Rule("/[^/]+/(deleteCpuInfo|deleteSmbiosInfo|deleteModelGroup)", Set.of("POST", "DELETE"), "DELETE"),
            // regions and console front-ends (issue 7)
            new Rule("/[^/]+/updateArea", POST_PUT, "PUT"),
            new Rule("/[^/]+/updateVncNode", POST_PUT, "PUT"),
            // IP pools: the contract says the two updates also take POST
            new Rule("/[^/]+/(updateIpPool|updateIp)", POST_PUT, "PUT"),
            // OS images
            new Rule("/[^/]+/updateOs", POST_PUT, "PUT"),
            new Rule("/api/common/version", ANY, "GET"),
            // nodes (issue 7)
            new Rule("/[^/]+/updateNodeInfo", POST_PUT, "PUT"),
            new Rule("/[^/]+/addNodeToArea", POST_PUT, "PUT"),
            new Rule("/[^/]+/node/[^/]+/(repinCertificate|repinHostKey)", POST_PUT, "PUT"),
            // VM power and renewal (issue 8)
            new Rule("/[^/]+/power/[^/]+/[^/]+", POST_PUT, "PUT"),
            new Rule("/api/v1/[^/]+/power/[^/]+/[^/]+", POST_PUT, "PUT"),
            new Rule("/api/v1/[^/]+/updateVmConfig/renewal", POST_PUT, "PUT"),
            // VM delete and password reset (issue 8): the admin UI deletes with PUT (VM page) and DELETE (list)
            new Rule("/[^/]+/delete/[^/]+", POST_PUT_DELETE, "DELETE"),
            new Rule("/api/v1/[^/]+/delete/[^/]+", POST_PUT_DELETE, "DELETE"),
            new Rule("/api/v1/[^/]+/updateVmConfig/restPassword", POST_PUT, "PUT"),
            // VM reinstall (issue 8)
            new Rule("/[^/]+/reinstall", POST_PUT, "PUT"),
            new Rule("/api/v1/[^/]+/reinstall", POST_PUT, "PUT"),
            // VM create (issue 8)
            new Rule("/[^/]+/createVm", POST_PUT, "POST"),
            new Rule("/api/v1/[^/]+/(cerateVM|createVM)", POST_PUT, "POST"),
            // browser console (issue 9): the legacy mapped updateVncPassword to POST and PUT
            new Rule("(/api/v1|/[^/]+)/[^/]+/updateVncPassword", POST_PUT, "PUT"));

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if ("OPTIONS".equals(method)) {
            request.abortWith(Response.ok().build());
            return;
        }
        String path = normalise(request.getUriInfo().getPath());
        for (Rule rule : RULES) {
            if (rule.path().matcher(path).matches()) {
                if (rule.accepted().contains(method) && !rule.canonical().equals(method)) {
                    request.setMethod(rule.canonical());
                }
                return;
            }
        }
    }

    private static String normalise(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
