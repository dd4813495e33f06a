package com.pveams.adapters.rest.audit;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Keeps a copy of the request body of audited endpoints so the audit filter can record it (redacted). */
@Provider
@Audited
public class BodyCapture implements ReaderInterceptor {
    static final String PROPERTY = "ams.requestBody";

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        byte[] body = context.getInputStream().readAllBytes();
        context.setProperty(PROPERTY, body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
