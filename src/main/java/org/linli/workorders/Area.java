package org.linli.workorders;

/**
 * Where the repair is: in a home (the household may be charged) or in a public area (the
 * community's expense, never a resident's).
 */
public enum Area {

	IN_HOME, PUBLIC

}
