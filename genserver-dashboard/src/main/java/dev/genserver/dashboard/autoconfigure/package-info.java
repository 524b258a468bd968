/** Auto-configuration of the dashboard ({@code dev.genserver.dashboard}), and its properties. */
package dev.genserver.dashboard.autoconfigure;
