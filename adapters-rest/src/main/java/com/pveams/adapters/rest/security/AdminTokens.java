package com.pveams.adapters.rest.security;

import com.pveams.adapters.rest.config.AdminConfig;
import com.pveams.application.port.in.access.AdminIdentity;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies admin tokens (HS256 JWTs via smallrye-jwt). A token names the admin id and the admin's
 * credential version; the filter checks both against the database, so a password change or deletion ends it.
 */
@ApplicationScoped
public class AdminTokens {
    static final String ISSUER = "proxmoxve-ams";
    static final String VERSION_CLAIM = "ver";

    private final JwtSigningKey signingKey;
    private final AdminConfig config;
    private final DefaultJWTParser parser;

    @Inject
    public AdminTokens(JwtSigningKey signingKey, AdminConfig config) {
        this.signingKey = signingKey;
        this.config = config;
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        info.setIssuedBy(ISSUER);
        info.setExpGracePeriodSecs(0);
        info.setRequiredClaims(Set.of("sub", VERSION_CLAIM, "exp", "iat"));
        this.parser = new DefaultJWTParser(info);
    }

    public String issue(AdminIdentity admin) {
        return Jwt.issuer(ISSUER)
                .subject(Long.toString(admin.id()))
                .upn(admin.username())
                .claim(VERSION_CLAIM, admin.credentialVersion())
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(config.tokenTtl())
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(signingKey.key());
    }

    /** The admin id and credential version of a token with a valid signature that has not expired. */
    public Optional<TokenSubject> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        // during a key rotation a token may be signed by a previous key, which still verifies but never signs
        for (SecretKey key : signingKey.verifyingKeys()) {
            Optional<TokenSubject> subject = verify(token, key);
            if (subject.isPresent()) {
                return subject;
            }
        }
        return Optional.empty();
    }

    private Optional<TokenSubject> verify(String token, SecretKey key) {
        try {
            JsonWebToken jwt = parser.verify(token, key);
            long id = Long.parseLong(jwt.getSubject());
            Object ver = jwt.getClaim(VERSION_CLAIM);
            long version = ver instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(ver));
            return Optional.of(new TokenSubject(id, version));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public record TokenSubject(long adminId, long credentialVersion) {
    }
}
