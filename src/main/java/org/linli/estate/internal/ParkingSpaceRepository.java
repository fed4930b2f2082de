package org.linli.estate.internal;

import org.springframework.data.jpa.repository.JpaRepository;

interface ParkingSpaceRepository extends JpaRepository<ParkingSpace, Long> {

	boolean existsByCommunityIdAndNumber(Long communityId, String number);

	boolean existsByCommunityIdAndNumberAndIdNot(Long communityId, String number, Long id);

}
