package org.linli.complaints;

/** What an item is about. */
public enum ComplaintCategory {

	/** 噪音扰民 */
	NOISE,
	/** 环境卫生 */
	SANITATION,
	/** 安保 */
	SECURITY,
	/** 停车 */
	PARKING,
	/** 服务态度 */
	SERVICE,
	/** 漏水 */
	LEAK,
	/** 设施 */
	FACILITY,
	/** 收费 */
	FEES,
	/** 其他 */
	OTHER

}
