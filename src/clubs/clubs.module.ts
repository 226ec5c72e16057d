import { Module } from '@nestjs/common';
import { ClubMembersController } from './club-members.controller';
import { ClubsController } from './clubs.controller';
import { CorrectClubHandler } from './correct-club.command';
import { CorrectMemberHandler } from './correct-member.command';
import { DissolveClubHandler } from './dissolve-club.command';
import { EnrollMemberHandler } from './enroll-member.command';
import { EstablishClubHandler } from './establish-club.command';
import { GetClubHandler } from './get-club.query';
import { GetMemberHandler } from './get-member.query';
import { VoidClubHandler } from './void-club.command';
import { VoidMemberHandler } from './void-member.command';
import { WithdrawMemberHandler } from './withdraw-member.command';

@Module({
  controllers: [ClubsController, ClubMembersController],
  providers: [
    EstablishClubHandler,
    CorrectClubHandler,
    VoidClubHandler,
    DissolveClubHandler,
    EnrollMemberHandler,
    WithdrawMemberHandler,
    CorrectMemberHandler,
    VoidMemberHandler,
    GetClubHandler,
    GetMemberHandler,
  ],
})
export class ClubsModule {}
