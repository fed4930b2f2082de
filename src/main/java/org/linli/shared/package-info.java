/**
 * What every module may use and nothing business-specific: errors and their problem
 * details, the web layout, locale handling, paging, the embedded database, personal-data
 * encryption and Excel helpers.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.linli.shared;

import org.springframework.modulith.ApplicationModule;
