package com.pveams.adapters.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** Describes the API and its two authentication schemes for the OpenAPI document and Swagger UI. */
@OpenAPIDefinition(info = @Info(title = "ProxmoxVE-AMS", version = "1.0",
        description = "Legacy-compatible API: envelope {code,message,data}; code 20000 is success. "
                + "Admin endpoints live under /{adminPath} (default 'admin') and take the raw JWT from loginDo in "
                + "Authorization; /api/v1 endpoints take Basic base64(appid:appkey); /api/common needs nothing."))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = OpenApiDefinition.ADMIN_JWT, type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.HEADER, apiKeyName = "Authorization",
                description = "The JWT returned by loginDo, sent as-is (a 'Bearer ' prefix is also accepted)"),
        @SecurityScheme(securitySchemeName = OpenApiDefinition.API_KEY, type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "appid as user name, appkey as password")
})
public class OpenApiDefinition extends Application {
    public static final String ADMIN_JWT = "adminJwt";
    public static final String API_KEY = "apiKey";
}
