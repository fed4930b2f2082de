package org.linli.billing.fees;

/** Which floor area an area-priced fee is charged on. */
public enum AreaBasis {

	/** 建筑面积, the property certificate's area: the default. */
	BUILDING,
	/** 套内面积, where the contract says so. */
	USABLE

}
