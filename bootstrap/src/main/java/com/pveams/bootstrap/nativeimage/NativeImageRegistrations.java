package com.pveams.bootstrap.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image cannot find by itself (issue 11, docs/DEPLOYMENT.md "Native binary"). sshj and the BCrypt
 * hasher use Bouncy Castle through the JCA, which looks its service classes up by name; the rest of Bouncy Castle is
 * registered by {@code quarkus.security.security-providers=BC}. JSON answers are records annotated
 * {@code @RegisterForReflection} where the REST adapter defines them; resources are listed in
 * {@code quarkus.native.resources.includes}. Unused on the JVM.
 */
@RegisterForReflection(classNames = {
        "org.bouncycastle.jce.provider.BouncyCastleProvider",
        "net.schmizz.sshj.common.SecurityUtils",
        "net.schmizz.sshj.transport.random.JCERandom",
        "net.schmizz.sshj.transport.random.BouncyCastleRandom",
        "com.hierynomus.sshj.key.KeyAlgorithms",
        "net.schmizz.sshj.userauth.keyprovider.OpenSSHKeyFile",
        "com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile",
        "net.schmizz.sshj.userauth.keyprovider.PKCS8KeyFile",
})
final class NativeImageRegistrations {
    private NativeImageRegistrations() {
    }
}
