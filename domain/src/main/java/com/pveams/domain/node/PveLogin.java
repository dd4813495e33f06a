package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/**
 * Who the service is on a node's PVE API: user, realm and, for token logins, the token id. Syntax as PVE's
 * {@code pve-userid}, {@code pve-realm} and {@code pve-tokenid} formats, so a typo is refused here and not by
 * the node. The secret (password or token secret) is not part of it: it is stored encrypted, apart.
 */
public record PveLogin(PveAuthKind kind, String user, String realm, String tokenId) {
    public static final String DEFAULT_REALM = "pam";
    private static final Pattern USER = Pattern.compile("[^\\s:/@!]+");
    private static final Pattern REALM = Pattern.compile("[A-Za-z][A-Za-z0-9.\\-_]{1,31}");
    private static final Pattern TOKEN_ID = Pattern.compile("[A-Za-z][A-Za-z0-9.\\-_]{1,63}");

    public PveLogin {
        if (kind == null || user == null || !USER.matcher(user).matches() || realm == null
                || !REALM.matcher(realm).matches() || (kind == PveAuthKind.TOKEN) != (tokenId != null)
                || (tokenId != null && !TOKEN_ID.matcher(tokenId).matches())
                || (user + "@" + realm).length() > 64) {
            throw new IllegalArgumentException("not a valid PVE login");
        }
    }

    /**
     * Reads the legacy fields. {@code username} may be plain ({@code root}), carry the realm ({@code root@pam})
     * or be a whole token id ({@code root@pam!ams}); {@code realm} defaults to pam; a {@code tokenId} makes it a
     * token login. Parts given twice must agree.
     */
    public static PveLogin of(String username, String realm, String tokenId) {
        if (username == null || username.isBlank()) {
            throw DomainException.required("username");
        }
        String user = username.strip();
        String token = blankToNull(tokenId);
        int bang = user.indexOf('!');
        if (bang >= 0) {
            String fromUser = user.substring(bang + 1);
            if (token != null && !token.equals(fromUser)) {
                throw DomainException.invalid("tokenId", "与 username 中的令牌ID不一致",
                        "differs from the token id in username");
            }
            token = fromUser;
            user = user.substring(0, bang);
        }
        String realmValue = blankToNull(realm);
        int at = user.lastIndexOf('@');
        if (at >= 0) {
            String fromUser = user.substring(at + 1);
            if (realmValue != null && !realmValue.equals(fromUser)) {
                throw DomainException.invalid("realm", "与 username 中的域不一致", "differs from the realm in username");
            }
            realmValue = fromUser;
            user = user.substring(0, at);
        }
        if (realmValue == null) {
            realmValue = DEFAULT_REALM;
        }
        if (!USER.matcher(user).matches()) {
            throw DomainException.invalid("username", "不能包含空白、: / @ !", "must not contain whitespace, ':', '/', '@' or '!'");
        }
        if (!REALM.matcher(realmValue).matches()) {
            throw DomainException.invalid("realm", "必须以字母开头，只含字母、数字和 . - _（2 到 32 个字符）",
                    "must start with a letter and contain only letters, digits and . - _ (2 to 32 characters)");
        }
        if ((user + "@" + realmValue).length() > 64) {
            throw DomainException.invalid("username", "连同域最长 64 个字符", "with its realm must be at most 64 characters");
        }
        if (token != null && !TOKEN_ID.matcher(token).matches()) {
            throw DomainException.invalid("tokenId", "必须以字母开头，只含字母、数字和 . - _（2 到 64 个字符）",
                    "must start with a letter and contain only letters, digits and . - _ (2 to 64 characters)");
        }
        return new PveLogin(token == null ? PveAuthKind.PASSWORD : PveAuthKind.TOKEN, user, realmValue, token);
    }

    /** {@code user@realm}, as PVE names the user. */
    public String userId() {
        return user + "@" + realm;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
