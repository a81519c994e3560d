package org.tickettriage.triage;

import java.util.function.Function;
import org.tickettriage.rules.routing.PolicyFiles;

/**
 * Where routing policies are kept that the core does not read by itself: a {@code TRIAGE_ROUTING} value that starts
 * with a store's {@link #scheme()} is read through it. Stores are found with {@link java.util.ServiceLoader}, and
 * only when such a value is given, so that their libraries are loaded then and never otherwise: the function supplies
 * S3's ({@code org.tickettriage.s3.S3PolicyStore}) without the core depending on the AWS SDK.
 */
public interface PolicyStore {

    /** The prefix of the locations this store reads, such as {@code s3://}. */
    String scheme();

    /**
     * Applies {@code reader} to the policy files at {@code location}, while whatever reads them is open.
     *
     * @param settings the settings in force (a store's own, such as S3 addressing)
     * @throws org.tickettriage.rules.routing.RoutingPolicyException when there is no policy at {@code location}
     */
    <T> T read(String location, TriageSettings settings, Function<PolicyFiles, T> reader);
}
