/**
 * Configuration, failure detection, the pure fold and policy, and the single-writer cluster agent.
 * Empty until the configuration and engine-core issues land.
 */
package io.systole.engine;
