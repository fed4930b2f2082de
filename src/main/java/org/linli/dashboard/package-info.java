/**
 * The two home pages (首页): the staff workbench (工作台), whose tiles follow the member's
 * roles in the community they choose, and the resident's home in the portal. It only
 * reads the other modules through their facades — one statement per tile, none per row —
 * and owns no data; nothing depends on it, so it publishes neither a facade nor events.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity", "estate", "residents", "billing", "workorders",
		"equipment", "complaints", "community", "notifications", "statistics" })
package org.linli.dashboard;

import org.springframework.modulith.ApplicationModule;
